using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace ChildProtection.Jobs;

/// <summary>
/// Hangfire's log provider is one per process, and Hangfire.AspNetCore points it at the logger factory of
/// whichever host configured it last. When that host is disposed while another lives on in the same
/// process (test hosts, a benchmark's several sites), every job client call of the survivor failed on the
/// disposed factory — even creating an <c>AutomaticRetryAttribute</c> logs. This provider forwards to the
/// host's factory and goes quiet, instead of throwing, once that factory is gone.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Quiet.Instance;
        }
    }

    private sealed class ForwardingLog(ILogger logger) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Quiet : HangfireLog.ILog
    {
        public static readonly Quiet Instance = new();
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
