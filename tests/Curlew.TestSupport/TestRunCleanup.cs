using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Curlew.TestSupport;

/// <summary>
/// Servers that live for the whole test run (shared by many test classes, so no xUnit fixture owns them) register
/// their stop here. <see cref="CurlewTestFramework"/> stops them after the last test, before the run reports that it
/// finished; if the process ends some other way (a crash in a test, the runner's timeout), <c>ProcessExit</c> does.
/// Stops run once each, newest first, and a stop that fails is reported on stderr without skipping the others.
/// </summary>
public static class TestRunCleanup
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);
    private static readonly List<(string Name, Func<ValueTask> Stop)> Pending = [];

    static TestRunCleanup() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllAsync().GetAwaiter().GetResult();

    /// <summary>Stops <paramref name="stop"/> when the run ends; <paramref name="name"/> names it in a failure report.</summary>
    public static void Register(string name, Func<ValueTask> stop)
    {
        lock (Pending) Pending.Add((name, stop));
    }

    /// <summary>Stops everything registered so far (each once).</summary>
    public static async Task StopAllAsync()
    {
        List<(string Name, Func<ValueTask> Stop)> due;
        lock (Pending)
        {
            due = [.. Pending];
            Pending.Clear();
        }
        for (var i = due.Count - 1; i >= 0; i--)
        {
            try
            {
                await due[i].Stop().AsTask().WaitAsync(StopLimit);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"TestRunCleanup: stopping {due[i].Name} failed: {ex}");
            }
        }
    }
}

/// <summary>
/// xUnit's own framework, plus one step at the end of the assembly's run: <see cref="TestRunCleanup.StopAllAsync"/>.
/// A test assembly opts in with <c>[assembly: Xunit.TestFramework("Curlew.TestSupport.CurlewTestFramework", "Curlew.TestSupport")]</c>.
/// </summary>
public sealed class CurlewTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await TestRunCleanup.StopAllAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
