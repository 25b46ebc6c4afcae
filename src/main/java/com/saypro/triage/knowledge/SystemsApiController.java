package com.saypro.triage.knowledge;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.NotFoundException;

/** The systems Triage knows: names, aliases, components, workflows and priors. */
@RestController
@RequestMapping(path = "/api/v1/systems", produces = MediaType.APPLICATION_JSON_VALUE)
class SystemsApiController {

    private final Systems systems;

    SystemsApiController(Systems systems) {
        this.systems = systems;
    }

    @GetMapping
    List<KbSystem> list() {
        return systems.all();
    }

    @GetMapping("/{code}")
    KbSystem one(@PathVariable String code) {
        return systems.system(code).orElseThrow(() -> new NotFoundException("No system " + code));
    }
}
