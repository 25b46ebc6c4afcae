/**
 * Recognition of raw signals before the rules run: {@link LogClassifier} reads each log line
 * once and turns it into {@link com.saypro.triage.diagnosis.facts.LogFinding}s, so the rules
 * match a finding's kind instead of repeating regular expressions over log text.
 */
package com.saypro.triage.diagnosis.recognition;
