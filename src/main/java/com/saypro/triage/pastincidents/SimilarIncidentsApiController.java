package com.saypro.triage.pastincidents;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.learning.SimilarIncidents;
import com.saypro.triage.web.BadRequestException;
import com.saypro.triage.web.NotFoundException;

/** {@code GET /api/v1/incidents/{id}/similar}: resolved incidents like this one, the most similar first. */
@RestController
class SimilarIncidentsApiController {

    private final SimilarIncidents similar;
    private final JdbcClient jdbc;

    SimilarIncidentsApiController(SimilarIncidents similar, JdbcClient jdbc) {
        this.similar = similar;
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/api/v1/incidents/{id}/similar", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SimilarIncidents.Similar> similar(@PathVariable long id, @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("limit", "must be between 1 and 100");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM incident WHERE id = ?").param(id).query(Integer.class).single() == 0) {
            throw new NotFoundException("There is no incident " + id);
        }
        return similar.similarTo(id, limit);
    }
}
