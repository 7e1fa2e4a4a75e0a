package org.skillpath.kit.deadletters;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API: list this service's dead letters, and replay one after the cause was fixed. Dead letters hold
 * records of every organisation, so only the platform operator's client (scope {@code ops:admin}) may see them,
 * never an organisation's own people or integrations.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Validated
public class DeadLetterController {

    public static final String OPERATOR_SCOPE = "ops:admin";

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetters.Summary> topics() {
        requireOperator();
        return deadLetters.summaries();
    }

    @GetMapping("/{topic}")
    List<DeadLetters.DeadLetter> list(@PathVariable String topic,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        requireOperator();
        return deadLetters.list(topic, page, size);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    ResponseEntity<DeadLetters.DeadLetter> replay(@PathVariable String topic, @PathVariable @Min(0) int partition,
                                                  @PathVariable @Min(0) long offset) {
        requireOperator();
        return ResponseEntity.accepted().body(deadLetters.replay(topic, partition, offset));
    }

    private static void requireOperator() {
        org.skillpath.kit.security.Callers.requireScopeOrRole(OPERATOR_SCOPE);
    }
}
