package com.ticketwarehouse.aws;

import org.apache.camel.CamelContext;
import org.apache.camel.vault.AwsVaultConfiguration;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * API credentials from AWS Secrets Manager, through Camel's {@code aws:} properties function
 * (camel-aws-secrets-manager). The function needs a region of its own, so it is given the one of
 * the SDK's default chain, and the default credentials; its client, built by the SDK's builder,
 * honours AWS_ENDPOINT_URL like the others. Values are never logged: errors name only the secret.
 */
public final class AwsSecrets {
    private final CamelContext context;

    public AwsSecrets(CamelContext context) {
        this.context = context;
        AwsVaultConfiguration vault = context.getVaultConfiguration().aws();
        if (vault.getAccessKey() == null || vault.getAccessKey().isBlank()) {
            vault.setDefaultCredentialsProvider(true);
        }
        if (vault.getRegion() == null || vault.getRegion().isBlank()) {
            vault.setRegion(new DefaultAwsRegionProviderChain().getRegion().id());
        }
    }

    /** One field of a JSON secret: {@code {{aws:<secret>#<field>}}}. */
    public String field(String secretId, String field) {
        if (secretId.contains("}") || secretId.contains("#") || field.contains("}")) {
            throw new IllegalArgumentException("secret id '" + secretId + "' cannot name a secret");
        }
        String value = context.resolvePropertyPlaceholders("{{aws:" + secretId + "#" + field + "}}");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + secretId + " has no field " + field);
        }
        return value;
    }
}
