// Several in-process APIs (each with its own database and clock) must not run at once: FastEndpoints keeps its
// service resolver in a static, so one API's disposal would break another's requests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
