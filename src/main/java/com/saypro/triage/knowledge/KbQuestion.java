package com.saypro.triage.knowledge;

import java.util.List;

/** A question the rules may ask the analyst, with the answers it accepts. */
public record KbQuestion(String code, String text, String help, List<String> options, String origin) {
}
