package dev.trustlift.azure;

import com.azure.resourcemanager.resources.fluent.models.FeatureResultInner;
import dev.trustlift.core.cloud.FeatureState;

/** Subscription features ("Namespace/Name") through the resources SDK's feature client. */
final class PreviewFeatures {
    private static final String SEPARATOR = "/";

    private final AzureConnection connection;

    PreviewFeatures(AzureConnection connection) {
        this.connection = connection;
    }

    FeatureState get(String subscription, String feature) {
        String[] parts = split(feature);
        return state(connection.resources(subscription).featureClient().getFeatures().get(parts[0], parts[1]));
    }

    FeatureState register(String subscription, String feature) {
        String[] parts = split(feature);
        return state(connection.resources(subscription).featureClient().getFeatures().register(parts[0], parts[1]));
    }

    private static FeatureState state(FeatureResultInner inner) {
        String state = inner.properties() == null ? null : inner.properties().state();
        return new FeatureState(inner.name(), FeatureState.Registration.parse(state));
    }

    private static String[] split(String feature) {
        int slash = feature.indexOf(SEPARATOR);
        if (slash <= 0 || slash == feature.length() - 1) {
            throw new IllegalArgumentException("feature must be 'Namespace/Name', got '" + feature + "'");
        }
        return new String[] {feature.substring(0, slash), feature.substring(slash + 1)};
    }
}
