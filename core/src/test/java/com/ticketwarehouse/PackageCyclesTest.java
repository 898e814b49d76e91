package com.ticketwarehouse;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Each package can be read, changed and tested from the packages it imports, never through one that imports it back. */
@AnalyzeClasses(packages = "com.ticketwarehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_IMPORTS_ONE_THAT_IMPORTS_IT_BACK = slices().matching("com.ticketwarehouse.(*)..").should().beFreeOfCycles();
}
