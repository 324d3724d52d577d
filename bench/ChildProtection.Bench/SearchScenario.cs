using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Public;
using ChildProtection.Search.Querying;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 6's <c>search</c>: 20,000 published articles with generated Vietnamese titles and bodies (written
/// straight into the table: 20,000 saves through the content manager would measure the editor, not search);
/// the index rebuilt from them by the real rebuild (reading the database through the content manager), as
/// items/s; then p50/p95 of a mixed set of folded and exact Vietnamese queries through the real search
/// service (page 1 with highlighted titles and snippets), and a few through HTTP to show the page's path.
/// Targets: build ≥ 1,000 items/s, p95 ≤ 20 ms. Then (issue 14) the same corpus and queries on PostgreSQL
/// full-text search (<see cref="FullTextPostgres"/>): p50/p95 of both, and the Vietnamese checks (exact
/// diacritics ranked first, folded match, đ→d) on both, ok/fail each.
/// </summary>
internal static class SearchScenario
{
    private static readonly string[] Queries =
    [
        "đuối nước", "duoi nuoc", "phòng chống đuối nước", "phong chong duoi nuoc", "bạo lực học đường", "bao luc hoc duong",
        "xâm hại trẻ em", "xam hai tre em", "kỹ năng sống", "ky nang song", "Tháng hành động vì trẻ em", "THANG HANH DONG VI TRE EM",
        "an toàn trên mạng", "an toan tren mang", "tổng đài 111", "tong dai 111", "diễn đàn trẻ em", "dien dan tre em",
        "phường Phú Lợi", "phuong phu loi", "bơi an toàn", "boi an toan", "lao động trẻ em", "lao dong tre em",
        "tập huấn giáo viên", "tap huan giao vien", "cha mẹ", "cha me", "trường tiểu học", "truong tieu hoc",
        "Đường dây nóng", "duong day nong", "mùa hè", "mua he", "tai nạn thương tích", "tai nan thuong tich",
        "tờ rơi áp phích", "to roi ap phich", "bảo vệ trẻ em", "bao ve tre em",
    ];

    private static readonly string[] Words =
    [
        "trẻ em", "bảo vệ", "phòng chống", "đuối nước", "bạo lực", "học đường", "xâm hại", "kỹ năng sống", "an toàn", "trên mạng",
        "tổng đài", "111", "diễn đàn", "phường", "Phú Lợi", "Hiệp Thành", "Chánh Nghĩa", "Thủ Dầu Một", "bơi", "mùa hè", "lao động",
        "tập huấn", "giáo viên", "cha mẹ", "phụ huynh", "trường", "tiểu học", "trung học", "đường dây nóng", "tai nạn", "thương tích",
        "tờ rơi", "áp phích", "sổ tay", "chiến dịch", "truyền thông", "tháng hành động", "hội thi", "tọa đàm", "nói chuyện chuyên đề",
        "cộng đồng", "khu phố", "gia đình", "sức khỏe", "tâm lý", "tư vấn", "hỗ trợ", "can thiệp", "báo cáo", "kế hoạch", "ủy ban",
        "nhân dân", "văn hóa", "thông tin", "giáo dục", "đào tạo", "xã hội", "thương binh", "năm học", "hè", "sân chơi", "thiếu nhi",
        "bể bơi", "sông", "ao hồ", "kênh rạch", "áo phao", "cứu đuối", "sơ cứu", "điện thoại", "mạng xã hội", "trò chơi trực tuyến",
        "lừa đảo", "bắt nạt", "quấy rối", "tự vệ", "dinh dưỡng", "tiêm chủng", "khám sức khỏe", "học bổng", "hoàn cảnh khó khăn",
        "mồ côi", "khuyết tật", "nhà văn hóa", "loa phường", "tình nguyện viên", "đoàn thanh niên", "hội phụ nữ", "công an phường",
        "trạm y tế", "thư viện", "tranh vẽ", "cuộc thi", "giải thưởng", "biểu dương", "kinh phí", "ngân sách", "công văn", "chỉ thị",
        "Bình Dương", "Thành phố Hồ Chí Minh", "Dĩ An", "Thuận An", "Tân Uyên", "Bến Cát", "Lái Thiêu", "Định Hòa", "Phú Hòa", "Tương Bình Hiệp",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, items: 20_000, samples: 2_000);
        await using var site = await BenchSite.StartAsync();
        var services = site.Services;

        var seeding = Stopwatch.StartNew();
        await SeedAsync(services, options.Items);
        seeding.Stop();

        var rebuild = services.GetRequiredService<IndexRebuild>();
        var build = Stopwatch.StartNew();
        var indexed = await rebuild.RunAsync("bench", CancellationToken.None);
        build.Stop();
        var buildRate = indexed / build.Elapsed.TotalSeconds;

        var search = services.GetRequiredService<SiteSearch>();
        var inputs = Queries.Select(SearchInput.Parse).ToArray();
        long hits = 0;
        foreach (var input in inputs) search.Search(new SearchRequest(input));
        var times = new double[options.Samples];
        for (var i = 0; i < times.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var results = search.Search(new SearchRequest(inputs[i % inputs.Length]));
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            hits += results.Total;
        }
        Array.Sort(times);
        var queryOnly = new double[Math.Min(1_000, options.Samples)];
        for (var i = 0; i < queryOnly.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            search.CountOnly(new SearchRequest(inputs[i % inputs.Length]));
            queryOnly[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(queryOnly);

        // Suggestions as the header box asks for them while a query is typed: every query cut after each of its
        // letters from the second on (mostly a last word half typed), through the endpoint's own code, in-process.
        var typed = Queries.SelectMany(q => Enumerable.Range(2, q.Length - 1).Select(n => q[..n])).ToArray();
        foreach (var t in typed.Take(200)) SuggestionEndpoint.Suggest(search, t);
        var suggestTimes = new double[Math.Max(options.Samples, typed.Length)];
        long suggested = 0;
        for (var i = 0; i < suggestTimes.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            suggested += SuggestionEndpoint.Suggest(search, typed[i % typed.Length]).Count;
            suggestTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(suggestTimes);
        // Side by side in the same run (the machine may be shared): the same typed prefixes through the search
        // page's all-fields query (what suggestions used before they became title-only), and the two prefix
        // expansions alone, so the split of the cost is visible.
        var typedInputs = typed.Select(SearchInput.Parse).Where(i => !i.IsEmpty && i.Text.Length >= SuggestionEndpoint.MinLength).ToArray();
        var allFieldTimes = new double[suggestTimes.Length];
        var expandAllTimes = new double[Math.Min(2_000, suggestTimes.Length)];
        var expandTitleTimes = new double[expandAllTimes.Length];
        for (var i = 0; i < allFieldTimes.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            search.Suggest(SiteSearch.Build(new SearchRequest(typedInputs[i % typedInputs.Length])), SuggestionEndpoint.MaxItems);
            allFieldTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var searchIndex = services.GetRequiredService<SearchIndex>();
        // Only the typed texts whose last word is long enough to expand (the others expand to nothing).
        var withPrefix = typedInputs.Where(i => i.LastWordPrefix is not null).ToArray();
        for (var i = 0; i < expandAllTimes.Length; i++)
        {
            var prefix = withPrefix[i % withPrefix.Length].LastWordPrefix!;
            var started = Stopwatch.GetTimestamp();
            searchIndex.Read(r => PrefixWordQuery.Expand(r.IndexReader, SearchFields.Folded(SearchFields.All), prefix));
            expandAllTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            searchIndex.Read(r => PrefixWordQuery.Expand(r.IndexReader, SearchFields.Folded(SearchFields.Title), prefix));
            expandTitleTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(allFieldTimes);
        Array.Sort(expandAllTimes);
        Array.Sort(expandTitleTimes);

        using var client = LoadRunner.Client(site.BaseAddress, 1);
        var httpTimes = new List<double>();
        for (var i = 0; i < Math.Min(200, options.Samples) + 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(Queries[i % Queries.Length]));
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("<mark>")) throw new InvalidOperationException($"The search page answered {(int)response.StatusCode} without highlighted results");
            if (i >= 10) httpTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        httpTimes.Sort();

        static double At(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        var p50 = At(times, 0.50);
        var p95 = At(times, 0.95);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"search: {options.Items:N0} published articles on SQLite, {inputs.Length} queries (half folded, half with diacritics), {times.Length} sequential searches");
        Console.WriteLine(string.Create(inv, $"{"step",-44}{"value",14}{"target",12}"));
        Console.WriteLine(string.Create(inv, $"{"seeding (rows straight into SQLite), s",-44}{seeding.Elapsed.TotalSeconds,14:F1}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"index rebuild from the database, s",-44}{build.Elapsed.TotalSeconds,14:F1}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"items in the index",-44}{indexed,14}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"build, items/s",-44}{buildRate,14:F0}{"≥ 1000",12}"));
        Console.WriteLine(string.Create(inv, $"{"index folder, MB",-44}{FolderMegabytes(site.DataPath),14:F1}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"search service p50, ms",-44}{p50,14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"search service p95, ms",-44}{p95,14:F2}{"≤ 20",12}"));
        Console.WriteLine(string.Create(inv, $"{"search service max, ms",-44}{times[^1],14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"query alone (no reading, no snippets) p50, ms",-44}{At(queryOnly, 0.50),14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"query alone p95, ms",-44}{At(queryOnly, 0.95),14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"mean hits per query",-44}{hits / (double)times.Length,14:F0}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"HTTP /tim-kiem p50, ms (" + httpTimes.Count + " requests)",-44}{At(httpTimes, 0.50),14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"HTTP /tim-kiem p95, ms",-44}{At(httpTimes, 0.95),14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"suggestions p50, ms (" + typed.Length + " typed prefixes)",-44}{At(suggestTimes, 0.50),14:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"suggestions p95, ms",-44}{At(suggestTimes, 0.95),14:F2}{"≤ 10",12}"));
        Console.WriteLine(string.Create(inv, $"{"same, all-fields query (before) p50 / p95, ms",-44}{At(allFieldTimes, 0.50),7:F2}/{At(allFieldTimes, 0.95),6:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"prefix expansion alone, all / title p95, ms",-44}{At(expandAllTimes, 0.95),7:F2}/{At(expandTitleTimes, 0.95),6:F2}{"",12}"));
        Console.WriteLine(string.Create(inv, $"{"mean suggestions per request",-44}{suggested / (double)suggestTimes.Length,14:F1}{"",12}"));
        Console.WriteLine(string.Create(inv, $"scenario=search items={indexed} build_items_per_s={buildRate:F0} p50_ms={p50:F2} p95_ms={p95:F2}"));

        // The same corpus and queries on PostgreSQL full-text search, for the scale-out choice (issue 14).
        var luceneChecks = VietnameseChecks(q => search.Search(new SearchRequest(SearchInput.Parse(q))).Hits.Select(h => h.Id).ToList());
        await using var pg = await FullTextPostgres.StartAsync();
        await pg.CreateSchemaAsync();
        var corpus = await CorpusAsync(services);
        var loading = Stopwatch.StartNew();
        await pg.LoadAsync(corpus);
        loading.Stop();
        foreach (var q in Queries) await pg.SearchAsync(q);
        var pgTimes = new double[options.Samples];
        long pgHits = 0;
        for (var i = 0; i < pgTimes.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (_, total) = await pg.SearchAsync(Queries[i % Queries.Length]);
            pgTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            pgHits += total;
        }
        Array.Sort(pgTimes);
        var pgChecks = new List<(string Name, bool Ok)>();
        foreach (var (name, query, check) in Checks)
        {
            var (ids, _) = await pg.SearchAsync(query);
            pgChecks.Add((name, check(ids)));
        }
        Console.WriteLine();
        Console.WriteLine($"PostgreSQL full-text search ({pg.Origin}): the same {corpus.Count:N0} documents, tsvector 'simple' + unaccent (GIN), the same queries");
        Console.WriteLine(string.Create(inv, $"{"step",-44}{"Lucene",14}{"PostgreSQL",12}"));
        Console.WriteLine(string.Create(inv, $"{"build (Lucene rebuild / PG COPY + GIN), s",-44}{build.Elapsed.TotalSeconds,14:F1}{loading.Elapsed.TotalSeconds,12:F1}"));
        Console.WriteLine(string.Create(inv, $"{"query top 10 + total p50, ms",-44}{At(queryOnly, 0.50),14:F2}{At(pgTimes, 0.50),12:F2}"));
        Console.WriteLine(string.Create(inv, $"{"query top 10 + total p95, ms",-44}{At(queryOnly, 0.95),14:F2}{At(pgTimes, 0.95),12:F2}"));
        Console.WriteLine(string.Create(inv, $"{"with snippets (Lucene only) p50 / p95, ms",-44}{p50,7:F2}/{p95,6:F2}{"-",12}"));
        Console.WriteLine(string.Create(inv, $"{"mean hits per query",-44}{hits / (double)times.Length,14:F0}{pgHits / (double)pgTimes.Length,12:F0}"));
        foreach (var ((name, lucene), (_, postgres)) in luceneChecks.Zip(pgChecks))
            Console.WriteLine(string.Create(inv, $"{"check: " + name,-44}{(lucene ? "ok" : "fail"),14}{(postgres ? "ok" : "fail"),12}"));
        Console.WriteLine(string.Create(inv,
            $"scenario=search-compare lucene_p50_ms={At(queryOnly, 0.50):F2} lucene_p95_ms={At(queryOnly, 0.95):F2} pg_p50_ms={At(pgTimes, 0.50):F2} pg_p95_ms={At(pgTimes, 0.95):F2} " +
            $"lucene_checks={(luceneChecks.All(c => c.Ok) ? "ok" : "fail")} pg_checks={(pgChecks.All(c => c.Ok) ? "ok" : "fail")}"));
        Console.WriteLine(string.Create(inv, $"scenario=suggest suggest_p50_ms={At(suggestTimes, 0.50):F2} suggest_p95_ms={At(suggestTimes, 0.95):F2} allfields_p50_ms={At(allFieldTimes, 0.50):F2} allfields_p95_ms={At(allFieldTimes, 0.95):F2}"));
        return 0;
    }

    /// <summary>Items seeded with known ids so that both engines can be asked about Vietnamese behaviour.</summary>
    private static readonly (string Id, string Title)[] Probes =
    [
        ("probeboi", "Lớp học bơi zqxa cho thiếu nhi"),
        ("probeboi2", "Lớp học bội zqxa cho thiếu nhi"),
        ("probeboi3", "Lớp học bói zqxa cho thiếu nhi"),
        ("probeduong", "Đường dây nóng zqxd"),
    ];

    private static readonly (string Name, string Query, Func<IReadOnlyList<string>, bool> Check)[] Checks =
    [
        ("exact diacritics first (bơi)", "bơi zqxa", ids => ids.Count == 3 && ids[0] == "probeboi"),
        ("exact diacritics first (bội)", "bội zqxa", ids => ids.Count == 3 && ids[0] == "probeboi2"),
        ("folded match (boi finds all three)", "boi zqxa", ids => ids.Count == 3),
        ("đ→d (duong day nong)", "duong day nong zqxd", ids => ids.Contains("probeduong")),
        ("đ typed (Đường dây nóng)", "Đường dây nóng zqxd", ids => ids.Contains("probeduong")),
    ];

    private static List<(string Name, bool Ok)> VietnameseChecks(Func<string, IReadOnlyList<string>> search) =>
        Checks.Select(c => (c.Name, c.Check(search(c.Query)))).ToList();

    /// <summary>The text Lucene indexes for each published item (title; summary and body), read the same way as the rebuild reads it.</summary>
    private static async Task<List<(string Id, string Title, string Body)>> CorpusAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var rows = new List<(string, string, string)>();
        await foreach (var batch in PublishedItems.ReadAsync(db, CancellationToken.None))
            foreach (var item in batch)
                if (SearchDocument.From(item, new Dictionary<string, string>()) is { } document)
                    rows.Add((document.Id, document.Title, document.Summary + " " + document.Body));
        return rows;
    }

    private static double FolderMegabytes(string dataPath)
    {
        var folder = Path.Combine(dataPath, SearchIndex.FolderName);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0 : 0;
    }

    /// <summary>Published articles with Vietnamese titles, summaries and three-paragraph HTML bodies, straight into the table.</summary>
    private static async Task SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(20_000);
        // Words follow a Zipf law as in real text: "trẻ em" is on almost every page, a ward's name on a few.
        var cumulative = new double[Words.Length];
        for (var w = 0; w < Words.Length; w++) cumulative[w] = (w > 0 ? cumulative[w - 1] : 0) + 1.0 / (w + 1);
        string Word()
        {
            var x = random.NextDouble() * cumulative[^1];
            var w = Array.BinarySearch(cumulative, x);
            return Words[w < 0 ? ~w : w];
        }
        string Phrase(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));
        var start = DateTime.UtcNow.AddDays(-count / 50.0);
        const int batch = 2_000;
        for (var done = 0; done < count; done += batch)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var title = char.ToUpperInvariant(Phrase(1)[0]) + Phrase(6)[1..] + $" ({i})";
                var summary = Phrase(14) + ".";
                var body = string.Concat(Enumerable.Range(0, 3).Select(_ => $"<p>{Phrase(25)}, <strong>{Phrase(3)}</strong> {Phrase(12)}.</p>"));
                var path = $"tin-tuc/tim-kiem-{i}";
                var at = start.AddMinutes(i);
                db.ContentItems.Add(new ContentItemRecord
                {
                    ContentItemId = IdGenerator.NewId(), ContentItemVersionId = IdGenerator.NewId(), ContentType = "Article", Number = 1,
                    Latest = true, Published = true, DisplayText = title, DisplayTextKey = ContentItemRecord.KeyOf(title), Path = path,
                    Owner = BenchSite.AdminUser, Author = BenchSite.AdminUser, CreatedUtc = at, ModifiedUtc = at, PublishedUtc = at,
                    Data = new JsonObject
                    {
                        ["TitlePart"] = new JsonObject { ["Title"] = title },
                        ["RoutePart"] = new JsonObject { ["Path"] = path },
                        ["SummaryPart"] = new JsonObject { ["Summary"] = summary },
                        ["BodyPart"] = new JsonObject { ["Html"] = body },
                    }.ToJsonString(),
                });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            db.ChangeTracker.Clear();
        }
        var probeAt = DateTime.UtcNow;
        foreach (var (id, title) in Probes)
        {
            var path = "tin-tuc/" + id;
            db.ContentItems.Add(new ContentItemRecord
            {
                ContentItemId = id, ContentItemVersionId = IdGenerator.NewId(), ContentType = "Article", Number = 1,
                Latest = true, Published = true, DisplayText = title, DisplayTextKey = ContentItemRecord.KeyOf(title), Path = path,
                Owner = BenchSite.AdminUser, Author = BenchSite.AdminUser, CreatedUtc = probeAt, ModifiedUtc = probeAt, PublishedUtc = probeAt,
                Data = new JsonObject
                {
                    ["TitlePart"] = new JsonObject { ["Title"] = title },
                    ["RoutePart"] = new JsonObject { ["Path"] = path },
                    ["BodyPart"] = new JsonObject { ["Html"] = "<p>Đăng ký tại nhà văn hóa</p>" },
                }.ToJsonString(),
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "ANALYZE" : "ANALYZE \"ContentItems\"");
    }
}
