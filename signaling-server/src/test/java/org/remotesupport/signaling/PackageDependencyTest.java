package org.remotesupport.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages of the signaling server layered: the session lifecycle knows nothing
 * of media or WebSockets, media negotiation nothing of WebSockets, and only the auto-configuration
 * knows all of them. That is what lets a Redis registry or another transport slot in later.
 */
class PackageDependencyTest {

    private static final String ROOT = "org.remotesupport.signaling";
    private static final String SESSION = ROOT + ".session..";
    private static final String MEDIA = ROOT + ".media..";
    private static final String WS = ROOT + ".ws..";
    private static final String WEB = ROOT + ".web..";
    private static final String AUTOCONFIGURE = ROOT + ".autoconfigure..";
    private static final String CLUSTER = ROOT + ".cluster..";
    private static final String REDIS = ROOT + ".store.redis..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void featurePackagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSettingsDependOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT)
                .should().dependOnClassesThat().resideInAnyPackage(SESSION, MEDIA, WS, WEB, AUTOCONFIGURE)
                .check(classes);
    }

    @Test
    void theSessionLifecycleKnowsNoMediaAndNoTransport() {
        noClasses().that().resideInAPackage(SESSION)
                .should().dependOnClassesThat().resideInAnyPackage(MEDIA, WS, WEB, AUTOCONFIGURE,
                        "org.springframework.web..")
                .check(classes);
    }

    @Test
    void mediaNegotiationKnowsNoTransport() {
        noClasses().that().resideInAPackage(MEDIA)
                .should().dependOnClassesThat().resideInAnyPackage(WS, WEB, AUTOCONFIGURE, "org.springframework.web..")
                .check(classes);
    }

    @Test
    void onlyTheAutoConfigurationAssemblesTheFeatures() {
        noClasses().that().resideOutsideOfPackage(AUTOCONFIGURE)
                .should().dependOnClassesThat().resideInAPackage(AUTOCONFIGURE)
                .check(classes);
    }

    @Test
    void theWebSocketEndpointAndTheCustomerLinkAreIndependent() {
        noClasses().that().resideInAPackage(WS).should().dependOnClassesThat().resideInAPackage(WEB).check(classes);
        noClasses().that().resideInAPackage(WEB).should().dependOnClassesThat().resideInAPackage(WS).check(classes);
    }

    @Test
    void onlyTheAutoConfigurationKnowsTheRedisStores() {
        // features work on their store interfaces; which implementation runs is configuration
        noClasses().that().resideOutsideOfPackages(REDIS, AUTOCONFIGURE)
                .should().dependOnClassesThat().resideInAPackage(REDIS)
                .check(classes);
    }

    @Test
    void clusterMessagingKnowsNoTransportAndNoRedis() {
        noClasses().that().resideInAPackage(CLUSTER)
                .should().dependOnClassesThat().resideInAnyPackage(WS, WEB, MEDIA, REDIS, "io.lettuce..",
                        "org.springframework.web..")
                .check(classes);
    }
}
