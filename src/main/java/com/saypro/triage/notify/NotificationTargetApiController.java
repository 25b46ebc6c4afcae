package com.saypro.triage.notify;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.JsonBodies;

/**
 * Notification targets for scripts (administrators only): {@code GET/POST
 * /api/v1/notification-targets}, {@code DELETE /api/v1/notification-targets/{id}}. Each target
 * comes with its notifications per status and the latest ones (with their last errors).
 */
@RestController
@RequestMapping(path = "/api/v1/notification-targets", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationTargetApiController {

    private final NotificationTargets targets;
    private final Outbox outbox;
    private final JsonBodies bodies;

    NotificationTargetApiController(NotificationTargets targets, Outbox outbox, JsonBodies bodies) {
        this.targets = targets;
        this.outbox = outbox;
        this.bodies = bodies;
    }

    record TargetView(NotificationTarget target, Map<String, Integer> notifications, List<Outbox.Item> latest) {
    }

    @GetMapping
    List<TargetView> list() {
        return targets.all().stream()
                .map(t -> new TargetView(t, outbox.counts(t.id()), outbox.latest(t.id(), 20))).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    NotificationTarget create(HttpServletRequest request) {
        return targets.create(bodies.object(request, NotificationTargetRequest.class));
    }

    @DeleteMapping("/{id}")
    NotificationTarget delete(@PathVariable long id) {
        return targets.delete(id);
    }
}
