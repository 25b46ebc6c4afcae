package com.saypro.triage.knowledge;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies kb-seed/ once the schema is migrated and before the web server takes requests;
 * an inconsistent seed stops the start-up with a message naming the entry.
 */
@Component
class KbSeedOnStartup implements SmartInitializingSingleton {

    private final KbSeedLoader loader;

    KbSeedOnStartup(KbSeedLoader loader) {
        this.loader = loader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        loader.load();
    }
}
