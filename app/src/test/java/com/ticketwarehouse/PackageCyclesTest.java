package com.ticketwarehouse;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No cycles among the packages of the command and of what it carries (core, the simulators): a
 * package here that shares its name with one of core's (lake) counts as one package with it.
 */
@AnalyzeClasses(packages = "com.ticketwarehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_IMPORTS_ONE_THAT_IMPORTS_IT_BACK = slices().matching("com.ticketwarehouse.(*)..").should().beFreeOfCycles();
}
