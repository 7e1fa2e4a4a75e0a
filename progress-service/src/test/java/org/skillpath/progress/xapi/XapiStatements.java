package org.skillpath.progress.xapi;

/**
 * Statements shaped as the xAPI 1.0.3 specification and cmi5 show them (xAPI Data Appendix A, cmi5 9.7): an
 * actor identified by an account, a verb IRI of ADL's vocabulary, an Activity with a definition, and results.
 */
public final class XapiStatements {

    public static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    public static final String PASSED = "http://adlnet.gov/expapi/verbs/passed";
    public static final String ATTENDED = "http://adlnet.gov/expapi/verbs/attended";
    public static final String PROGRESSED = "http://adlnet.gov/expapi/verbs/progressed";
    public static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";
    public static final String ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted";
    public static final String CMI5_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress";

    private XapiStatements() {
    }

    /** A statement with an id, as an LMS sends it after a learner finished a course. */
    public static String statement(String id, String homePage, String accountName, String verb, String activity) {
        return """
                {"id":"%s",
                 "actor":{"objectType":"Agent","name":"Alice Specialist","account":{"homePage":"%s","name":"%s"}},
                 "verb":{"id":"%s","display":{"en-US":"%s"}},
                 "object":{"objectType":"Activity","id":"%s",
                   "definition":{"name":{"en-US":"Conflict resolution 101"},
                                 "type":"http://adlnet.gov/expapi/activities/course"}},
                 "result":{"completion":true,"success":true,"duration":"PT1H30M","score":{"scaled":0.85}},
                 "context":{"registration":"ec531277-b57b-4c15-8d91-d292c5b2b8f7","platform":"Example LMS",
                            "language":"en-US"},
                 "timestamp":"2026-03-04T10:15:00.000Z"}"""
                .formatted(id, homePage, accountName, verb, verb.substring(verb.lastIndexOf('/') + 1), activity);
    }

    /** cmi5's progressed statement: progress as the result extension, 0-100. */
    public static String progressed(String id, String homePage, String accountName, String activity, Object progress) {
        return """
                {"id":"%s",
                 "actor":{"objectType":"Agent","account":{"homePage":"%s","name":"%s"}},
                 "verb":{"id":"%s","display":{"en-US":"progressed"}},
                 "object":{"id":"%s"},
                 "result":{"extensions":{"%s":%s}},
                 "timestamp":"2026-03-04T09:00:00Z"}"""
                .formatted(id, homePage, accountName, PROGRESSED, activity, CMI5_PROGRESS, progress);
    }
}
