package org.skillpath.kit.events;

/** Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attribute: the tenant. Extension names are lowercase letters and digits only. */
    public static final String ORG_ID = "ce_orgid";
    /** In binary mode the datacontenttype travels as the Kafka {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
