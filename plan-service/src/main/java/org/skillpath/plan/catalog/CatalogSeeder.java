package org.skillpath.plan.catalog;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Upserts the default catalog by id at start-up, so restarts and several instances converge on the same content.
 * It runs once all singletons exist but before the consumers start, so no plan is built from a half-seeded catalog.
 */
@Component
class CatalogSeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CatalogSeeder.class);

    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final AcademySessions sessions;

    CatalogSeeder(Catalog catalog, ObjectMapper mapper, AcademySessions sessions) {
        this.catalog = catalog;
        this.mapper = mapper;
        this.sessions = sessions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Activity> activities = DefaultCatalog.load(mapper);
        catalog.store(activities);
        log.info("default catalog seeded: {} activities", activities.size());
        sessions.refresh();
    }
}
