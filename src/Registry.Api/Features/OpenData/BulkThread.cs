using System.Runtime.InteropServices;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// Runs bulk work (reading and formatting a whole export) on a thread of its own at a lower CPU priority, so that
/// when the machine is busy, the scheduler serves look-ups and searches first and exports take what is left. On Linux
/// the thread's nice value is raised (any process may lower its own priority); elsewhere the .NET priority is lowered.
/// </summary>
public static class BulkThread
{
    private const int Nice = 10;

    public static Task RunAsync(Action work, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            LowerPriority();
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = SetPriority(0 /* PRIO_PROCESS: on Linux, a thread id names one thread */, GetThreadId(), Nice);
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // an unusual C library: fall through to the portable way
            }
        }
        Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
