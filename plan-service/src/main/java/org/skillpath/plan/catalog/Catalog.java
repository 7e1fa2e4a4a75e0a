package org.skillpath.plan.catalog;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The activities an organisation can plan with: the shared default catalog plus its own. */
@Component
public class Catalog {

    private final MongoTemplate mongo;

    Catalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Activity> visibleTo(String orgId) {
        return mongo.find(new Query(visible(orgId)).with(Sort.by("id")), Activity.class);
    }

    Page<Activity> page(String orgId, String skillId, int page, int size) {
        Criteria criteria = visible(orgId);
        if (skillId != null) {
            criteria = criteria.and("skillIds").is(skillId);
        }
        PageRequest request = PageRequest.of(page, size, Sort.by("id"));
        long total = mongo.count(new Query(criteria), Activity.class);
        List<Activity> items = mongo.find(new Query(criteria).with(request), Activity.class);
        return new PageImpl<>(items, request, total);
    }

    private static Criteria visible(String orgId) {
        return Criteria.where("orgId").in(Activity.SHARED, orgId);
    }
}
