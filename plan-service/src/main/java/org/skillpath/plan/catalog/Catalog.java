package org.skillpath.plan.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * What planning for these skills needs: their activities (by the skill index, never the whole catalog) and,
     * transitively, the prerequisites of those, whatever skill they serve.
     */
    public List<Activity> forPlanning(String orgId, Collection<String> skillIds) {
        Map<String, Activity> found = new TreeMap<>();
        mongo.find(new Query(visible(orgId).and("skillIds").in(skillIds)), Activity.class)
                .forEach(a -> found.put(a.id(), a));
        Set<String> missing = prerequisitesMissing(found);
        while (!missing.isEmpty()) {
            List<Activity> more = mongo.find(new Query(visible(orgId).and("_id").in(missing)), Activity.class);
            more.forEach(a -> found.put(a.id(), a));
            Set<String> next = prerequisitesMissing(found);
            next.removeAll(missing);
            missing = next;
        }
        return List.copyOf(found.values());
    }

    public Optional<Activity> find(String orgId, String id) {
        return Optional.ofNullable(mongo.findOne(new Query(visible(orgId).and("_id").is(id)), Activity.class));
    }

    private static Set<String> prerequisitesMissing(Map<String, Activity> found) {
        Set<String> missing = new TreeSet<>();
        found.values().forEach(a -> a.prerequisites().stream().filter(p -> !found.containsKey(p)).forEach(missing::add));
        return missing;
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

    static Criteria visible(String orgId) {
        return Criteria.where("orgId").in(Activity.SHARED, orgId);
    }
}
