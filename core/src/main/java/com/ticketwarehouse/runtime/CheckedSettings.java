package com.ticketwarehouse.runtime;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

/**
 * The first configuration (Pipeline adds it before the others): every setting is checked before any
 * bean reads one, so that a bad value stops the start with one line that names it.
 */
@Configuration
public final class CheckedSettings implements CamelConfiguration {
    /** The problems that only the loads of one API care about (the API clients refuse those loads). */
    @BindToRegistry("settingProblems")
    public SettingRules.Problems settingProblems(CamelContext context) {
        SettingRules.Problems problems = SettingRules.check(new com.ticketwarehouse.settings.Settings(context)::optional);
        if (!problems.atStart().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.atStart()));
        }
        return problems;
    }
}
