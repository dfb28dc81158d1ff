package dev.trustlift.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package directions of DESIGN.md, enforced: cli -> core -> disk; azure and
 * sandbox at the edges (azure -> core, sandbox -> disk); the disk engine on the JDK alone; only the
 * adapter imports the Azure SDK. Every rule must match classes: a rule over a package that the
 * import missed would pass while checking nothing (archunit.properties sets failOnEmptyShould, and
 * each rule says allowEmptyShould(false) so a local override cannot loosen it).
 */
class ArchitectureTest {
    private static final List<String> MODULES = List.of("disk", "core", "azure", "sandbox", "cli");
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Other modules' test fixtures reach cli's tests as *-tests.jar (core's SampleCampaign) once
                // packaged, which DO_NOT_INCLUDE_TESTS does not recognise.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.trustlift");
    }

    @Test
    void everyModuleIsPresent() {
        for (String module : MODULES) {
            String pkg = "dev.trustlift." + module + ".";
            long count = classes.stream().filter(c -> c.getName().startsWith(pkg)).count();
            if (count < 5) {
                throw new AssertionError("only " + count + " production classes found in " + pkg
                        + "*: the import is broken (is the module on cli's test class path?)");
            }
        }
    }

    @Test
    void aRuleThatMatchesNoClassFails() {
        ArchRule overNothing = noClasses().that().resideInAPackage("dev.trustlift.nosuchmodule..")
                .should().dependOnClassesThat().resideInAPackage("java..")
                .allowEmptyShould(false);
        AssertionError e = assertThrows(AssertionError.class, () -> overNothing.check(classes));
        assertEquals(true, e.getMessage().contains("failed to check any classes"), e.getMessage());
    }

    @Test
    void diskDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.trustlift.disk..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.trustlift.disk..", "java..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void coreSeesOnlyDiskAndPlainLibraries() {
        classes().that().resideInAPackage("dev.trustlift.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.trustlift.core..", "dev.trustlift.disk..", "java..", "com.fasterxml.jackson..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void onlyTheAdapterImportsTheAzureSdk() {
        noClasses().that().resideOutsideOfPackage("dev.trustlift.azure..")
                .and().resideInAPackage("dev.trustlift..")
                .should().dependOnClassesThat().resideInAPackage("com.azure..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void theAdapterKnowsCoreButNotTheOtherEdges() {
        noClasses().that().resideInAPackage("dev.trustlift.azure..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trustlift.sandbox..", "dev.trustlift.cli..")
                .allowEmptyShould(false)
                .check(classes);
    }

    /** The sandbox imitates Azure from the outside: it shares the disk engine, never trustlift's domain. */
    @Test
    void theSandboxKnowsOnlyTheDiskEngine() {
        noClasses().that().resideInAPackage("dev.trustlift.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.trustlift.core..", "dev.trustlift.azure..", "dev.trustlift.cli..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.trustlift.cli..")
                .and().resideInAPackage("dev.trustlift..")
                .should().dependOnClassesThat().resideInAPackage("dev.trustlift.cli..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("dev.trustlift.(*)..").should().beFreeOfCycles()
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void noCyclesInsideTheDiskEngine() {
        slices().matching("dev.trustlift.disk.(**)").should().beFreeOfCycles()
                .allowEmptyShould(false)
                .check(classes);
    }
}
