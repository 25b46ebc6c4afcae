package com.saypro.triage.knowledge;

/** The fixed list of cause categories; every cause has one. */
public enum CauseCategory {
    DATABASE, STORAGE, MEMORY, CPU, NETWORK, AVAILABILITY, APPLICATION, CONFIGURATION, DEPLOYMENT, AUTHENTICATION,
    CERTIFICATE, DEPENDENCY, CAPACITY
}
