package org.skillpath.bench.baseline;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The CloudEvents binary-mode headers, read the way the kit's InboundEvent reads them. */
record CloudEvents(String id, String source, String type, String orgId) {

    static final String SPEC_VERSION = "ce_specversion";
    static final String ID = "ce_id";
    static final String SOURCE = "ce_source";
    static final String TYPE = "ce_type";
    static final String TIME = "ce_time";
    static final String SUBJECT = "ce_subject";
    static final String ORG_ID = "ce_orgid";

    /** The required attributes; an unreadable record is poison. */
    static CloudEvents of(ConsumerRecord<String, byte[]> r) {
        if (!"1.0".equals(header(r, SPEC_VERSION))) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 record");
        }
        CloudEvents ce = new CloudEvents(header(r, ID), header(r, SOURCE), header(r, TYPE), header(r, ORG_ID));
        if (ce.id == null || ce.source == null || ce.type == null || ce.orgId == null) {
            throw new IllegalArgumentException("missing CloudEvents attributes");
        }
        return ce;
    }

    String dedupKey() {
        return source + "#" + id;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
