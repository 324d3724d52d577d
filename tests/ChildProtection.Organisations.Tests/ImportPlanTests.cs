using System.Text;
using ChildProtection.Organisations.Data;
using ChildProtection.Organisations.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Tests;

public sealed class SqliteImportPlanTests() : ImportPlanTests(postgres: false);

[RequiresPostgres]
public sealed class PostgresImportPlanTests() : ImportPlanTests(postgres: true);

/// <summary>Every row's problems before anything is saved; all good rows or none written; export → import changes nothing.</summary>
public abstract class ImportPlanTests(bool postgres) : DatabaseTests(postgres)
{
    private const string Header = "Mã;Tên;Loại;Cấp học;Phường/Xã;Địa chỉ;Người liên hệ;Chức vụ;Email;Hiệu lực từ;Hiệu lực đến;Đơn vị kế thừa\n";

    private async Task<ImportPlan> PlanAsync(string csv)
    {
        var (table, failure) = ImportTableReader.Read(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(TableReadFailure.None, failure);
        return await Directory.With<ImportPlanner, ImportPlan>(p => p.PlanAsync(table!));
    }

    private Task<int> CommitAsync(ImportPlan plan) => Directory.With<ImportCommitter, int>(c => c.CommitAsync(plan));

    private static PlannedRow Line(ImportPlan plan, int line) => plan.Rows.Single(r => r.Line == line);

    [ServiceFact]
    public async Task Every_kind_of_problem_is_named_on_its_row()
    {
        await Directory.AddAsync("P-CU", "Phường Chánh Nghĩa", OrganisationKind.Ward, emails: ["vanphong@chanhnghia.example.gov.vn"]);
        await Directory.AddAsync("TH-CO", "Trường Tiểu học Có Sẵn", OrganisationKind.School, SchoolLevel.Primary, emails: ["coroi@example.edu.vn"]);
        var csv = Header +
            "TH-01;Trường Tiểu học Phú Lợi;Trường;Tiểu học;Phường Phú Lợi;;Nguyễn Thị Lan;Hiệu trưởng;thphuloi@example.edu.vn;01/07/2025;;\n" + // 2: ward later in the file
            "TH-02;Trường Tiểu học Hai;Trường;Tiểu học;P-PL;;;;khong-phai-email;;;\n" +                     // 3: bad e-mail
            "TH-03;Trường Tiểu học Ba;Trường;Tiểu học;Phường Không Có;;;;ba@example.edu.vn;;;\n" +            // 4: unknown ward
            "TH-01;Trùng mã;Trường;Tiểu học;P-PL;;;;trungma@example.edu.vn;;;\n" +                          // 5: duplicate code in file
            "TH-05;Trường Năm;Trường;Tiểu học;P-PL;;;;THPHULOI@example.edu.vn;;;\n" +                       // 6: duplicate e-mail in file
            "TH-06;Trường Sáu;Trường;Tiểu học;P-PL;;;;coroi@example.edu.vn;;;\n" +                          // 7: e-mail of another unit
            "TH-07;;Trường;Tiểu học;P-PL;;;;bay@example.edu.vn;;;\n" +                                      // 8: missing name
            "TH-08;Trường Tám;Bệnh viện;;P-PL;;;;tam@example.edu.vn;;;\n" +                                 // 9: unknown kind
            "TH-09;Trường Chín;Trường;Đại học;P-PL;;;;chin@example.edu.vn;;;\n" +                           // 10: unknown level
            "TH-10;Trường Mười;Trường;THCS;P-PL;;;;muoi@example.edu.vn;31/02/2025;;\n" +                   // 11: bad date
            "TH-11;Trường Mười Một;Trường;THPT;P-PL;;;;muoimot@example.edu.vn;;30/06/2025;KHONG-CO\n" +     // 12: unknown successor
            "TH-CO;Trường Tiểu học Có Sẵn (đổi tên);Trường;Tiểu học;phuong chanh nghia;;;;;;;\n" + // 13: update, ward by folded name
            "P-PL;Phường Phú Lợi;Phường;;;;Văn phòng;Văn thư;vanphong@phuloi.example.gov.vn;01/07/2025;;\n";          // 14: the ward

        var plan = await PlanAsync(csv);

        Assert.Empty(plan.FileProblems);
        Assert.True(Line(plan, 2).IsGood, string.Join(" | ", Line(plan, 2).Problems));
        Assert.False(Line(plan, 2).IsUpdate);
        Assert.Contains("\"khong-phai-email\" không phải là địa chỉ thư điện tử hợp lệ.", Line(plan, 3).Problems);
        Assert.Contains("Không tìm thấy phường/xã \"Phường Không Có\".", Line(plan, 4).Problems);
        Assert.Contains("Mã TH-01 đã dùng ở dòng 2 của tệp.", Line(plan, 5).Problems);
        Assert.Contains("Địa chỉ THPHULOI@example.edu.vn đã có ở dòng 2 của tệp.", Line(plan, 6).Problems);
        Assert.Contains("Địa chỉ coroi@example.edu.vn đã thuộc về Trường Tiểu học Có Sẵn (TH-CO).", Line(plan, 7).Problems);
        Assert.Contains("Thiếu tên.", Line(plan, 8).Problems);
        Assert.Contains("Loại đơn vị \"Bệnh viện\" không hợp lệ (Trường, Phường, Xã hoặc Cơ quan).", Line(plan, 9).Problems);
        Assert.Contains("Cấp học \"Đại học\" không hợp lệ (Mầm non, Tiểu học, THCS, THPT hoặc Khác).", Line(plan, 10).Problems);
        Assert.Contains("\"Hiệu lực từ\" không phải là ngày (dd/MM/yyyy): \"31/02/2025\".", Line(plan, 11).Problems);
        Assert.Contains("Không có đơn vị nào mang mã KHONG-CO (đơn vị kế thừa).", Line(plan, 12).Problems);
        Assert.True(Line(plan, 13).IsGood, string.Join(" | ", Line(plan, 13).Problems));
        Assert.True(Line(plan, 13).IsUpdate);
        Assert.True(Line(plan, 14).IsGood);
        Assert.Equal(3, plan.GoodCount);
        // Nothing is written by planning.
        Assert.Equal(2, await Directory.Db(db => db.Organisations.CountAsync()));

        Assert.Equal(3, await CommitAsync(plan));

        var school = await Directory.Db(db => db.Organisations.Include(o => o.Contacts).ThenInclude(c => c.Emails).SingleAsync(o => o.Code == "TH-01"));
        var ward = await Directory.Db(db => db.Organisations.SingleAsync(o => o.Code == "P-PL"));
        Assert.Equal("Trường Tiểu học Phú Lợi", school.Name);
        Assert.Equal(ward.Id, school.WardId);
        Assert.Equal(new DateOnly(2025, 7, 1), school.ValidFrom);
        Assert.Equal("Nguyễn Thị Lan", Assert.Single(school.Contacts).Name);
        Assert.Equal("Trường Tiểu học Có Sẵn (đổi tên)", await Directory.Db(db => db.Organisations.Where(o => o.Code == "TH-CO").Select(o => o.Name).SingleAsync()));
        Assert.Equal(4, await Directory.Db(db => db.Organisations.CountAsync()));
    }

    [ServiceFact]
    public async Task Missing_and_unknown_columns_are_file_problems()
    {
        var plan = await PlanAsync("Mã;Tên;Màu\nA;B;C\n");

        Assert.Contains("Không có cột \"Màu\". Các cột là: Mã, Tên, Loại, Cấp học, Phường/Xã, Địa chỉ, Người liên hệ, Chức vụ, Email, Hiệu lực từ, Hiệu lực đến, Đơn vị kế thừa.", plan.FileProblems);
        Assert.Contains("Thiếu cột \"Loại\".", plan.FileProblems);
        Assert.False(plan.CanImport);
    }

    [ServiceFact]
    public async Task The_import_writes_all_good_rows_or_none()
    {
        await Directory.AddAsync("P-PL", "Phường Phú Lợi", OrganisationKind.Ward);
        var plan = await PlanAsync(Header +
            "TH-A;Trường A;Trường;Tiểu học;P-PL;;;;a@example.edu.vn;;;\n" +
            "TH-B;Trường B;Trường;Tiểu học;P-PL;;;;b@example.edu.vn;;;\n" +
            "TH-C;Trường C;Trường;Tiểu học;P-PL;;;;c@example.edu.vn;;;\n");
        Assert.Equal(3, plan.GoodCount);
        // Between the preview and the commit someone else takes c@… for another unit.
        await Directory.AddAsync("CQ-X", "Cơ quan X", OrganisationKind.Agency, emails: ["C@example.edu.vn"]);

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => CommitAsync(plan));

        Assert.False(await Directory.Db(db => db.Organisations.AnyAsync(o => o.Code.StartsWith("TH-"))));
        Assert.Equal(1, await Directory.Db(db => db.ContactEmails.CountAsync()));
    }

    [ServiceFact]
    public async Task Export_then_import_changes_nothing_in_either_format()
    {
        var ward = await Directory.AddAsync("P-TDM", "Phường Thủ Dầu Một", OrganisationKind.Ward, validFrom: new DateOnly(2025, 7, 1), emails: ["vanphong@thudaumot.example.gov.vn"]);
        await Directory.AddAsync("P-PC", "Phường Phú Cường", OrganisationKind.Ward, validTo: new DateOnly(2025, 6, 30), successorId: ward.Id);
        await Directory.AddAsync("TH-PC", "Trường Tiểu học Phú Cường", OrganisationKind.School, SchoolLevel.Primary, ward.Id, emails: ["a@example.edu.vn", "B@Example.edu.vn"]);
        await Directory.AddAsync("MN-HM", "Trường Mầm non Hoa Mai", OrganisationKind.School, SchoolLevel.Preschool, ward.Id, emails: ["hoamai@example.edu.vn"]);
        var before = await SnapshotAsync();
        var rows = await Directory.With<DirectoryExport, List<string[]>>(e => e.RowsAsync());

        foreach (var bytes in new[] { DirectoryExport.ToCsv(rows), DirectoryExport.ToXlsx(rows) })
        {
            var (table, failure) = ImportTableReader.Read(bytes);
            Assert.Equal(TableReadFailure.None, failure);
            var plan = await Directory.With<ImportPlanner, ImportPlan>(p => p.PlanAsync(table!));
            Assert.All(plan.Rows, r => Assert.True(r.IsGood && r.IsUpdate, string.Join(" | ", r.Problems)));
            Assert.Equal(4, await CommitAsync(plan));
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    private async Task<string> SnapshotAsync() =>
        string.Join("\n", await Directory.Db(async db =>
        {
            var orgs = await db.Organisations.AsNoTracking().Include(o => o.Contacts).ThenInclude(c => c.Emails).OrderBy(o => o.Code).ToListAsync();
            return orgs.Select(o => $"{o.Code}|{o.Name}|{o.Kind}|{o.Level}|{o.WardId}|{o.Address}|{o.ValidFrom}|{o.ValidTo}|{o.SuccessorId}|" +
                string.Join(",", o.Contacts.OrderBy(c => c.Id).Select(c => $"{c.Name}/{c.Role}:" + string.Join(" ", c.Emails.OrderBy(e => e.Id).Select(e => e.Address))))).ToList();
        }));
}
