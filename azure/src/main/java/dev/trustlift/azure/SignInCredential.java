package dev.trustlift.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;

/**
 * Picks the azure-identity credential for a sign-in. A service principal with a secret gets
 * ClientSecretCredential (as EnvironmentCredential would build it, but with flags honoured);
 * anything else gets DefaultAzureCredential. Both use the given HTTP client, so a {@code --ca-cert}
 * reaches sign-in as well as ARM. The token itself is then sent by the SDK's own bearer policy.
 */
final class SignInCredential {

    private SignInCredential() {
    }

    static TokenCredential of(SignInSettings signIn, String defaultAuthorityHost, HttpClient httpClient,
            RetryOptions retry) {
        String authorityHost = signIn.authorityHost() != null ? signIn.identityAuthorityHost() : defaultAuthorityHost;
        if (signIn.hasClientSecret()) {
            ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                    .clientId(signIn.clientId())
                    .clientSecret(signIn.clientSecret())
                    .tenantId(signIn.identityTenant())
                    .authorityHost(authorityHost)
                    .httpClient(httpClient)
                    .retryOptions(retry);
            if (signIn.isAdfs()) {
                // Entra instance discovery would ask login.microsoftonline.com about a host it cannot know.
                builder.disableInstanceDiscovery();
            }
            return builder.build();
        }
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                .authorityHost(authorityHost)
                .httpClient(httpClient)
                .retryOptions(retry);
        if (signIn.tenantId() != null) {
            builder.tenantId(signIn.identityTenant());
        }
        if (signIn.isAdfs()) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }
}
