package dev.trustlift.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizeAdvisorTest {
    private final SizeAdvisor advisor = new SizeAdvisor();

    private List<String> suggest(Sku current, List<Sku> catalog) {
        return advisor.suggest(current, new SkuCatalog("eastus", catalog)).stream().map(Sku::name).toList();
    }

    @Test
    void closestShapeFirstAndAtMostThree() {
        Sku current = Fixtures.sku("Standard_A4_v2", Fixtures.GEN1, false, 4, 8, false);
        List<String> names = suggest(current, List.of(
                Fixtures.sku("Standard_D16s_v5", Fixtures.BOTH, false, 16, 64, true),
                Fixtures.sku("Standard_D4s_v5", Fixtures.BOTH, false, 4, 16, true),
                Fixtures.sku("Standard_F4s_v2", Fixtures.BOTH, false, 4, 8, true),
                Fixtures.sku("Standard_E4s_v5", Fixtures.BOTH, false, 4, 32, true),
                Fixtures.sku("Standard_D8s_v5", Fixtures.BOTH, false, 8, 32, true)));
        assertEquals(List.of("Standard_F4s_v2", "Standard_D4s_v5", "Standard_E4s_v5"), names);
    }

    @Test
    void neverSmallerNeverIncapableNeverRestrictedNeverOtherArchitecture() {
        Sku current = Fixtures.sku("Standard_D4s_v3", Fixtures.GEN1, false, 4, 16, true);
        List<String> names = suggest(current, List.of(
                Fixtures.sku("Standard_D2s_v5", Fixtures.BOTH, false, 2, 8, true),
                Fixtures.sku("Standard_E2s_v5", Fixtures.BOTH, false, 2, 16, true),
                Fixtures.sku("Standard_D4_v3", Fixtures.GEN1, false, 4, 16, true),
                Fixtures.sku("Standard_M8ms", Fixtures.BOTH, true, 8, 218.75, true),
                new Sku("Standard_D4ds_v5", "eastus", Fixtures.BOTH, false, 4, 16, "x64", true, "NotAvailableForSubscription"),
                new Sku("Standard_D4ps_v5", "eastus", Fixtures.BOTH, false, 4, 16, "Arm64", true, null),
                Fixtures.sku("Standard_D4_v5", Fixtures.BOTH, false, 4, 16, false),
                Fixtures.sku("Standard_D4s_v5", Fixtures.BOTH, false, 4, 16, true)));
        // D4_v5 lacks Premium SSD support, which a D4s_v3 may be using.
        assertEquals(List.of("Standard_D4s_v5"), names);
    }

    @Test
    void burstableOnlyForBurstable() {
        List<Sku> catalog = List.of(
                Fixtures.sku("Standard_B2ms", Fixtures.BOTH, false, 2, 8, true),
                Fixtures.sku("Standard_D2s_v5", Fixtures.BOTH, false, 2, 8, true));
        assertEquals(List.of("Standard_D2s_v5"), suggest(Fixtures.sku("Standard_A2_v2", Fixtures.GEN1, false, 2, 8, false), catalog));
        assertEquals(List.of("Standard_B2ms", "Standard_D2s_v5"),
                suggest(Fixtures.sku("Standard_B2s", Fixtures.GEN1, false, 2, 4, true), catalog));
    }

    @Test
    void otherLocationIsIgnored() {
        Sku current = Fixtures.sku("Standard_A2_v2", Fixtures.GEN1, false, 2, 4, false);
        Sku west = new Sku("Standard_D2s_v5", "westeurope", Fixtures.BOTH, false, 2, 8, "x64", true, null);
        assertEquals(List.of(), suggest(current, List.of(west)));
    }

    @Test
    void aSizeNameTellsItsVcpusOnlyWhereItCountsCores() {
        // Counts: F v1, A v2, v3 and later, B. Numbers (from Azure's size tables): A4 = 8 cores,
        // D4_v2 = 8, D12_v2 = 4, DS3 = 4, G2 = 4.
        assertEquals(4, SizeName.vCpuHint("Standard_F4"));
        assertEquals(2, SizeName.vCpuHint("Standard_A2_v2"));
        assertEquals(8, SizeName.vCpuHint("Standard_D8s_v3"));
        assertEquals(2, SizeName.vCpuHint("Standard_B2ms"));
        assertEquals(null, SizeName.vCpuHint("Standard_A4"));
        assertEquals(null, SizeName.vCpuHint("Basic_A2"));
        assertEquals(null, SizeName.vCpuHint("Standard_D4_v2"));
        assertEquals(null, SizeName.vCpuHint("Standard_DS12_v2"));
        assertEquals(null, SizeName.vCpuHint("Standard_DS3"));
        assertEquals(null, SizeName.vCpuHint("Standard_G2"));
        assertEquals(null, SizeName.vCpuHint("nonsense"));
    }
}
