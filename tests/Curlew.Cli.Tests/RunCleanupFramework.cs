// Every server registered with TestRunCleanup (Curlew.TestSupport) is stopped when this assembly's run ends.
[assembly: Xunit.TestFramework("Curlew.TestSupport.CurlewTestFramework", "Curlew.TestSupport")]
