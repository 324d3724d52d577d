using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ChildProtection.Testing;

/// <summary>
/// Marks a concrete test class whose inherited tests need a service. Lets one abstract class hold
/// test bodies that run once per database: the SQLite subclass always runs, the PostgreSQL subclass
/// carries <see cref="RequiresPostgresAttribute"/> and skips (or, in CI, fails) like a <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public abstract class RequiresServiceAttribute(string variable, string service) : Attribute
{
    public string? SkipReason => TestServices.SkipReason(variable, service);
}

public sealed class RequiresPostgresAttribute() : RequiresServiceAttribute(TestServices.PostgresVariable, "PostgreSQL");

public sealed class RequiresChromiumAttribute() : RequiresServiceAttribute(TestServices.ChromiumVariable, "Chromium");

/// <summary>A fact that runs unless its concrete test class requires a service that is missing (see <see cref="RequiresServiceAttribute"/>).</summary>
[XunitTestCaseDiscoverer("ChildProtection.Testing.ServiceFactDiscoverer", "ChildProtection.Testing")]
public sealed class ServiceFactAttribute : FactAttribute;

/// <summary>A theory that runs unless its concrete test class requires a service that is missing.</summary>
[XunitTestCaseDiscoverer("ChildProtection.Testing.ServiceTheoryDiscoverer", "ChildProtection.Testing")]
public sealed class ServiceTheoryAttribute : TheoryAttribute;

public sealed class ServiceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ClassSkip.Reason(testMethod) is { } reason
            ? [ClassSkip.TestCase(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class ServiceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        ClassSkip.Reason(testMethod) is { } reason
            ? [ClassSkip.TestCase(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

internal static class ClassSkip
{
    public static string? Reason(ITestMethod testMethod) =>
        testMethod.TestClass.Class.ToRuntimeType()?
            .GetCustomAttributes<RequiresServiceAttribute>(inherit: true)
            .Select(a => a.SkipReason)
            .FirstOrDefault(r => r is not null);

    // One skipped case per method (a theory's data rows are not expanded when the service is missing).
    public static IXunitTestCase TestCase(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
