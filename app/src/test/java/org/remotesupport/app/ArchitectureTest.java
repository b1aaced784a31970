package org.remotesupport.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.net.URI;
import java.net.URL;
import java.util.Set;

/**
 * Keeps the module dependency rules of the design true: protocol depends on no other module, the
 * relay and the signaling server never depend on each other or on the app, the relay never
 * imports Spring, and the web client ships no Java. Rules are methods, not fields: Maven Surefire
 * 3.5.3 silently skips {@code @ArchTest} fields.
 */
@AnalyzeClasses(packages = "org.remotesupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String PROTOCOL = "org.remotesupport.protocol..";
    private static final String RELAY = "org.remotesupport.media..";
    private static final String SIGNALING = "org.remotesupport.signaling..";
    private static final String APP = "org.remotesupport.app..";
    private static final String ANNOTATION = "org.remotesupport.annotation..";

    @ArchTest
    static void everyModuleIsAnalysed(JavaClasses classes) {
        // the rules below pass vacuously if a package is renamed; this makes that visible
        for (String module : new String[] {PROTOCOL, RELAY, SIGNALING, APP, ANNOTATION}) {
            assertThat(classes.that(resideInAPackage(module))).as("classes in %s", module).isNotEmpty();
        }
    }

    @ArchTest
    static void relayNeverImportsSpring(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage(RELAY)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the relay is plain Java on Netty and also runs as its own process")
                .check(classes);
    }

    @ArchTest
    static void protocolDependsOnNoOtherModule(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage(PROTOCOL)
                .should().dependOnClassesThat().resideInAnyPackage(RELAY, SIGNALING, APP, ANNOTATION)
                .because("every service shares the protocol types")
                .check(classes);
    }

    @ArchTest
    static void relayDependsOnlyOnProtocol(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage(RELAY)
                .should().dependOnClassesThat().resideInAnyPackage(SIGNALING, APP)
                .because("signaling controls the relay only through the RelayControl interface")
                .check(classes);
    }

    @ArchTest
    static void signalingNeverDependsOnRelayOrApp(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage(SIGNALING)
                .should().dependOnClassesThat().resideInAnyPackage(RELAY, APP)
                .because("a relay may run in another process, reached through RelayControl")
                .check(classes);
    }

    @ArchTest
    static void annotationServiceDependsOnlyOnProtocol(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage(ANNOTATION)
                .should().dependOnClassesThat().resideInAnyPackage(RELAY, SIGNALING, APP)
                .because("it learns who is in a session only through the AnnotationAccess the app provides")
                .check(classes);
    }

    @ArchTest
    static void othersNeverDependOnTheAnnotationService(JavaClasses classes) {
        noClasses()
                .that().resideInAnyPackage(PROTOCOL, RELAY, SIGNALING)
                .should().dependOnClassesThat().resideInAPackage(ANNOTATION)
                .because("the annotation service may run in its own process")
                .check(classes);
    }

    @ArchTest
    static void webClientShipsNoJava(JavaClasses ignored) throws Exception {
        URL page = ArchitectureTest.class.getClassLoader().getResource("META-INF/resources/customer.html");
        assertThat(page).as("the web client's customer page on the class path").isNotNull();
        String text = page.toString();
        String root = text.substring(0, text.length() - "META-INF/resources/customer.html".length());
        // a jar URL names its root as jar:file:...!/ ; the import wants the file location itself
        URI location = root.startsWith("jar:") ? URI.create(root.substring(4, root.length() - 2)) : URI.create(root);
        assertThat(new ClassFileImporter().importLocations(Set.of(Location.of(location))))
                .as("classes packaged with the web client at %s", location)
                .isEmpty();
    }
}
