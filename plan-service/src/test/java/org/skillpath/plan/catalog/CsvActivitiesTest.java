package org.skillpath.plan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.web.ApiException;

class CsvActivitiesTest {

    @Test
    void readsQuotedFieldsListsAndColumnsInAnyOrder() {
        List<CatalogImport.ActivityInput> rows = CsvActivities.parse("""
                title,id,description,format,skillIds,effortHours,durationWeeks,prerequisites\r
                "Budget clinic, advanced",budget-clinic,"Say ""no"" to
                guesswork.",workshop,budgeting; process-management,3.5,1,\r
                Review,budget-review,Review it.,PRACTICE,budgeting,6,4,budget-clinic
                """);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).title()).isEqualTo("Budget clinic, advanced");
        assertThat(rows.get(0).description()).isEqualTo("Say \"no\" to\nguesswork.");
        assertThat(rows.get(0).skillIds()).containsExactly("budgeting", "process-management");
        assertThat(rows.get(0).effortHours()).isEqualTo(3.5);
        assertThat(rows.get(0).prerequisites()).isEmpty();
        assertThat(rows.get(0).minLevel()).as("absent column").isNull();
        assertThat(rows.get(1).prerequisites()).containsExactly("budget-clinic");
    }

    @Test
    void refusesUnknownOrMissingColumnsRaggedRowsBadNumbersAndOpenQuotes() {
        assertThatThrownBy(() -> CsvActivities.parse("id,title,colour\n")).isInstanceOf(ApiException.class)
                .hasMessageContaining("unknown column colour");
        assertThatThrownBy(() -> CsvActivities.parse("id,title\nx,y\n")).isInstanceOf(ApiException.class)
                .hasMessageContaining("missing column description");
        String header = "id,title,description,format,skillIds,effortHours,durationWeeks\n";
        assertThatThrownBy(() -> CsvActivities.parse(header + "a,b,c\n")).isInstanceOf(ApiException.class)
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> CsvActivities.parse(header + "a,b,c,COURSE,s,lots,1\n"))
                .isInstanceOf(ApiException.class).hasMessageContaining("row 1.effortHours");
        assertThatThrownBy(() -> CsvActivities.parse(header + "a,\"b,c,COURSE,s,1,1\n"))
                .isInstanceOf(ApiException.class).hasMessageContaining("not closed");
    }
}
