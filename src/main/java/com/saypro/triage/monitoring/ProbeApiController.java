package com.saypro.triage.monitoring;

import java.util.List;

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

/** Probes for scripts (administrators only): {@code GET/POST /api/v1/probes}, {@code DELETE /api/v1/probes/{id}}. */
@RestController
@RequestMapping(path = "/api/v1/probes", produces = MediaType.APPLICATION_JSON_VALUE)
class ProbeApiController {

    private final Probes probes;
    private final ProbeScheduler scheduler;
    private final JsonBodies bodies;

    ProbeApiController(Probes probes, ProbeScheduler scheduler, JsonBodies bodies) {
        this.probes = probes;
        this.scheduler = scheduler;
        this.bodies = bodies;
    }

    /** A probe with its latest result on this node (null before the first). */
    record ProbeView(Probe probe, ProbeResult latest) {
    }

    @GetMapping
    List<ProbeView> list() {
        var latest = scheduler.latest();
        return probes.all().stream().map(p -> new ProbeView(p, latest.get(p.id()))).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Probe create(HttpServletRequest request) {
        return probes.create(bodies.object(request, ProbeRequest.class));
    }

    @DeleteMapping("/{id}")
    Probe delete(@PathVariable long id) {
        return probes.delete(id);
    }
}
