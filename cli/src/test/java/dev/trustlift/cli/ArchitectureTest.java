package dev.trustlift.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package directions of DESIGN.md, enforced: cli -> core -> disk; azure and
 * sandbox at the edges; the disk engine on the JDK alone; only the adapter imports the Azure SDK.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trustlift");
    }

    @Test
    void everyModuleIsPresent() {
        for (String pkg : new String[] {"dev.trustlift.disk", "dev.trustlift.cli"}) {
            if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no production classes found in " + pkg + ": the import is broken");
            }
        }
    }

    @Test
    void diskDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.trustlift.disk..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.trustlift.disk..", "java..")
                .check(classes);
    }

    @Test
    void coreSeesOnlyDiskAndPlainLibraries() {
        noClasses().that().resideInAPackage("dev.trustlift.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.trustlift.cli..", "dev.trustlift.azure..", "dev.trustlift.sandbox..", "com.azure..",
                        "picocli..")
                .check(classes);
    }

    @Test
    void onlyTheAdapterImportsTheAzureSdk() {
        noClasses().that().resideOutsideOfPackage("dev.trustlift.azure..")
                .and().resideInAPackage("dev.trustlift..")
                .should().dependOnClassesThat().resideInAPackage("com.azure..")
                .check(classes);
    }

    @Test
    void edgesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.trustlift.azure..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trustlift.sandbox..", "dev.trustlift.cli..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("dev.trustlift.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.trustlift.azure..", "dev.trustlift.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("dev.trustlift.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesInsideTheDiskEngine() {
        slices().matching("dev.trustlift.disk.(**)").should().beFreeOfCycles().check(classes);
    }
}
