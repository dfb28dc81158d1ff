package dev.trustlift.azure;

/**
 * The sovereign clouds trustlift can sign in to, named as the Azure CLI names them
 * ({@code az cloud list}), so operators pass the value they already know.
 */
public enum CloudName {
    AzureCloud, AzureChinaCloud, AzureUSGovernment;

    /** Case-insensitive, because people type "azurecloud" as often as "AzureCloud". */
    public static CloudName parse(String value) {
        for (CloudName name : values()) {
            if (name.name().equalsIgnoreCase(value)) {
                return name;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + value + "' (expected AzureCloud, AzureChinaCloud or AzureUSGovernment)");
    }
}
