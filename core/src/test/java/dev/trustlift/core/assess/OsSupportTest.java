package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.OsType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustlift.core.assess.OsSupport.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsSupportTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "WINDOWS|Windows Server 2019 Datacenter|10.0.17763|SUPPORTED",
            "WINDOWS|Windows Server 2022 Datacenter: Azure Edition|10.0.20348|SUPPORTED",
            "WINDOWS|Windows Server 2025 Datacenter|10.0.26100|SUPPORTED",
            "WINDOWS|Windows 10 Enterprise multi-session|10.0.19045|SUPPORTED",
            "WINDOWS|Windows 11 Pro|10.0.22631|SUPPORTED",
            "WINDOWS|Windows Server 2016 Datacenter|10.0.14393|WINDOWS_SERVER_2016",
            "WINDOWS|Windows Server 2012 R2 Datacenter|6.3.9600|NOT_LISTED",
            "WINDOWS|Windows 10 Home|10.0.19045|NOT_LISTED",
            "WINDOWS|null|null|UNKNOWN",
            "LINUX|ubuntu|20.04|SUPPORTED",
            "LINUX|Ubuntu|22.04|SUPPORTED",
            "LINUX|ubuntu|24.04|NOT_LISTED",
            "LINUX|rhel|8.10|SUPPORTED",
            "LINUX|redhat|8.1|NOT_LISTED",
            "LINUX|sles|15-SP3|SUPPORTED",
            "LINUX|sles|15.5|SUPPORTED",
            "LINUX|sles|12-SP5|NOT_LISTED",
            "LINUX|almalinux|9|SUPPORTED",
            "LINUX|ol|8.8|SUPPORTED",
            "LINUX|rocky|9.2|SUPPORTED",
            "LINUX|debian|11|EXCLUDED",
            "LINUX|azurelinux|3.0|EXCLUDED",
            "LINUX|cbl-mariner|2.0|EXCLUDED",
            "LINUX|centos|7.9|NOT_LISTED",
            "LINUX|ubuntu|null|UNKNOWN",
            "LINUX|null|20.04|UNKNOWN",
    })
    void classifies(OsType type, String name, String version, Status expected) {
        assertEquals(expected, OsSupport.classify(type, name, version).status());
    }
}
