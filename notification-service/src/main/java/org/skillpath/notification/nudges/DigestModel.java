package org.skillpath.notification.nudges;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A person's digest: the digestible nudges gathered for one digest moment, in the order they arrived. */
public record DigestModel(List<Item> items) implements NudgeModel {

    public record Item(String nudgeId, NudgeKind kind, String causeEventId, NudgeModel model) {
    }

    public DigestModel {
        items = items == null ? List.of() : List.copyOf(items);
    }

    boolean contains(String nudgeId) {
        return items.stream().anyMatch(i -> i.nudgeId().equals(nudgeId));
    }

    DigestModel with(Item item) {
        List<Item> more = new ArrayList<>(items);
        more.add(item);
        return new DigestModel(more);
    }

    @Override
    public Map<String, Object> templateVariables(People people) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Item item : items) {
            Map<String, Object> line = new HashMap<>(item.model().templateVariables(people));
            line.put("kind", item.kind().name());
            lines.add(line);
        }
        return Map.of("items", lines);
    }
}
