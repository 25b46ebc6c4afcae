package com.saypro.triage.diagnosis.facts;

/** What the analyst answered to a question: {@code question} is the question code. */
public final class Answer {

    private final String question;
    private final String value;

    public Answer(String question, String value) {
        this.question = question;
        this.value = value;
    }

    public String getQuestion() { return question; }
    public String getValue() { return value; }

    @Override
    public String toString() {
        return "Answer " + question + " = " + value;
    }
}
