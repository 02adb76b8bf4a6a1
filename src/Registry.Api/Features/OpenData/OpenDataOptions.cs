namespace Registry.Api.Features.OpenData;

public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>Takes snapshots on a schedule; the first one at start-up when none is recent enough.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Snapshots older than this are deleted; the latest one is always kept.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Where snapshot files are written; relative to the content root.</summary>
    public string Folder { get; set; } = "data/open-data";

    public string Publisher { get; set; } = "Registre national des associations du Maroc";

    public string LicenceName { get; set; } = "Creative Commons Attribution 4.0 (CC BY 4.0) — réutilisation libre, sous réserve de citer la source";

    public string LicenceUrl { get; set; } = "https://creativecommons.org/licenses/by/4.0/";

    public string Attribution { get; set; } = "Source : Registre national des associations du Maroc";
}
