using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.OpenData;

/// <summary>The page for people: plain server-rendered HTML, readable on a phone, no JavaScript.</summary>
public static class OpenDataPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const string Csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapOpenDataPage(this WebApplication app)
    {
        app.MapGet("/open-data", async (HttpContext http, Snapshots snapshots, IOptions<OpenDataOptions> options, CancellationToken ct) =>
        {
            var catalogue = await Catalogue.BuildAsync(snapshots, options.Value, ct);
            http.Response.Headers.ContentSecurityPolicy = Csp;
            http.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Content(Render(catalogue, $"{http.Request.Scheme}://{http.Request.Host}"), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/open-data/style.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(Css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
    }

    public static string Render(Catalogue c, string baseUrl)
    {
        static string E(string? s) => Html.Encode(s ?? "");
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var latest = c.Latest;
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Données ouvertes — {E(c.Title)}</title>
            <link rel="stylesheet" href="/open-data/style.css">
            </head>
            <body>
            <header>
            <h1>{E(c.Title)} <span lang="ar" dir="rtl">السجل الوطني للجمعيات</span></h1>
            <p>Données ouvertes · <span lang="ar" dir="rtl">البيانات المفتوحة</span></p>
            </header>
            <main>
            <section>
            <h2>Le registre</h2>
            <p>Le registre national recense les associations, unions, fédérations et associations étrangères déclarées au Maroc
            (dahir n° 1-58-376 du 15 novembre 1958). Les fichiers ci-dessous en contiennent les <strong>fiches publiques</strong> :
            noms en arabe et en français, objet, domaines, siège, récépissés, statut, utilité publique.
            Ils ne contiennent <strong>aucune donnée personnelle</strong> des membres des bureaux (loi 09-08).</p>
            </section>
            """);
        html.Append("<section id=\"latest\">\n<h2>Dernier instantané <span lang=\"ar\" dir=\"rtl\">آخر نسخة</span></h2>\n");
        if (latest is null)
        {
            html.Append("<p>Aucun instantané n'a encore été produit.</p>\n");
        }
        else
        {
            html.Append($"""
                <dl class="facts">
                <dt>Date</dt><dd><time id="taken-at" datetime="{latest.TakenAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}">{latest.TakenAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", fr)}</time></dd>
                <dt>Associations <span lang="ar" dir="rtl">عدد الجمعيات</span></dt><dd id="row-count" data-value="{latest.RowCount}">{latest.RowCount.ToString("N0", fr)}</dd>
                <dt>Identifiant</dt><dd><code>{E(latest.Id)}</code></dd>
                </dl>
                <div class="table"><table>
                <thead><tr><th>Fichier</th><th>Format</th><th>Taille</th><th>SHA-256</th></tr></thead>
                <tbody>

                """);
            foreach (var f in latest.Files)
                html.Append($"""<tr data-file="{E(f.FileName)}"><td><a href="{E(f.Url)}">{E(f.FileName)}</a></td><td>{E(f.Format)}{(f.Compressed ? " (gzip)" : "")}</td><td class="size" data-bytes="{f.SizeBytes}">{Size(f.SizeBytes, fr)}</td><td><code class="sha">{E(f.Sha256)}</code></td></tr>""" + "\n");
            html.Append("</tbody></table></div>\n");
        }
        html.Append($"""
            </section>
            <section id="licence">
            <h2>Licence <span lang="ar" dir="rtl">الترخيص</span></h2>
            <p><a href="{E(c.Licence.Url)}">{E(c.Licence.Name)}</a>.</p>
            <p>Citer la source : « {E(c.Licence.Attribution)} », avec la date de l'instantané.</p>
            </section>
            <section id="dictionary">
            <h2>Dictionnaire des données <span lang="ar" dir="rtl">قاموس البيانات</span></h2>
            <p>Les mêmes colonnes dans les quatre formats, décrites en français et en arabe :
            <a href="{E(c.DictionaryUrl)}">métadonnées CSVW</a> · <a href="{E(c.DataPackageUrl)}">datapackage.json (Frictionless)</a> ·
            <a href="{E(c.DcatUrl)}">catalogue DCAT-AP</a> · <a href="/v1/open-data">catalogue JSON</a>.</p>
            </section>
            <section id="examples">
            <h2>Exemples</h2>
            <h3>curl</h3>
            <pre><code>curl -OJ {E(baseUrl)}/v1/open-data/latest/associations.csv
            sha256sum registre-associations-*.csv</code></pre>
            <h3>DuckDB</h3>
            <pre><code>SELECT region_name_fr, count(*) FROM '{E(baseUrl)}/v1/open-data/latest/associations.parquet'
            GROUP BY 1 ORDER BY 2 DESC;</code></pre>
            <h3>pandas</h3>
            <pre><code>import pandas as pd
            df = pd.read_csv("{E(baseUrl)}/v1/open-data/latest/associations.csv.gz", encoding="utf-8-sig",
                             dtype=str, parse_dates=["founded_on", "updated_at"])</code></pre>
            </section>
            <section>
            <h2>API</h2>
            <p>Recherche, fiches et historique par l'API : <a href="/docs">documentation interactive</a> ·
            <a href="/openapi/v1.json">document OpenAPI</a>.</p>
            </section>
            </main>
            <footer><p>{E(c.Publisher)}</p></footer>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string Size(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => $"{bytes} o",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.# 'Ko'", culture),
        _ => (bytes / 1024.0 / 1024.0).ToString("0.# 'Mo'", culture),
    };

    private const string Css = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans Arabic", sans-serif; line-height: 1.5; color: #1d2430; background: #fff; }
        body { margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; }
        header { border-bottom: 4px solid #c1272d; padding: 1rem 0 .5rem; }
        h1 { font-size: 1.6rem; margin: 0; } h1 span { display: block; font-size: 1.2rem; color: #006233; }
        h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #dde; }
        h3 { font-size: 1rem; }
        a { color: #0b5394; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        .facts dt { font-weight: 600; } .facts dd { margin: 0; }
        .table { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: start; padding: .4rem .5rem; border-bottom: 1px solid #e4e6ea; vertical-align: top; }
        code.sha { font-size: .75rem; word-break: break-all; }
        pre { background: #f4f5f7; padding: .75rem; overflow-x: auto; font-size: .85rem; }
        footer { margin-top: 3rem; color: #667; font-size: .85rem; }
        """;
}
