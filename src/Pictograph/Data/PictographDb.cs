using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data;

public sealed class PictographDb(DbContextOptions<PictographDb> options) : DbContext(options)
{
    public DbSet<App> Apps => Set<App>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Media> Media => Set<Media>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<IdBlock> IdBlocks => Set<IdBlock>();

    public DbSet<AppRole> AppRoles => Set<AppRole>();

    public DbSet<FacebookUser> FacebookUsers => Set<FacebookUser>();

    public DbSet<Page> Pages => Set<Page>();

    public DbSet<PageRole> PageRoles => Set<PageRole>();

    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<App>(app =>
        {
            app.Property(a => a.Id).ValueGeneratedNever();
            app.Property(a => a.Name).HasMaxLength(200);
            app.Property(a => a.Secret).HasMaxLength(64);
            app.Property(a => a.Mode).HasConversion<string>().HasMaxLength(16);
            app.Property(a => a.RedirectUris).HasMaxLength(16_384);
            app.Property(a => a.DeauthorizeCallbackUrl).HasMaxLength(2048);
            app.Property(a => a.DataDeletionCallbackUrl).HasMaxLength(2048);
        });

        modelBuilder.Entity<AppRole>(role =>
        {
            role.HasKey(r => new { r.AppId, r.PersonId });
            role.HasIndex(r => r.PersonId);
            role.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
            role.HasOne<App>().WithMany().HasForeignKey(r => r.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FacebookUser>(user =>
        {
            user.Property(u => u.Id).ValueGeneratedNever();
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.Email).HasMaxLength(320);
            user.HasIndex(u => u.Email).IsUnique();
        });

        modelBuilder.Entity<Page>(page =>
        {
            page.Property(p => p.Id).ValueGeneratedNever();
            page.Property(p => p.Name).HasMaxLength(200);
            page.Property(p => p.Category).HasMaxLength(100);
            page.HasIndex(p => p.InstagramAccountId).IsUnique();
            page.HasOne<Account>().WithMany().HasForeignKey(p => p.InstagramAccountId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<PageRole>(role =>
        {
            role.HasKey(r => new { r.PageId, r.FacebookUserId });
            role.HasIndex(r => r.FacebookUserId);
            role.Property(r => r.Tasks).HasMaxLength(512);
            role.HasOne<Page>().WithMany().HasForeignKey(r => r.PageId).OnDelete(DeleteBehavior.Cascade);
            role.HasOne<FacebookUser>().WithMany().HasForeignKey(r => r.FacebookUserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuthorizationCode>(code =>
        {
            code.HasKey(c => c.Hash);
            code.Property(c => c.Hash).HasMaxLength(32);
            code.Property(c => c.Flavour).HasConversion<string>().HasMaxLength(16);
            code.Property(c => c.RedirectUri).HasMaxLength(2048);
            code.Property(c => c.Scopes).HasMaxLength(2048);
            code.HasOne<App>().WithMany().HasForeignKey(c => c.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Account>(account =>
        {
            account.Property(a => a.Id).ValueGeneratedNever();
            account.Property(a => a.Username).HasMaxLength(30);
            account.HasIndex(a => a.Username).IsUnique();
            account.Property(a => a.AccountType).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<Media>(media =>
        {
            media.Property(m => m.Id).ValueGeneratedNever();
            media.Property(m => m.MediaType).HasConversion<string>().HasMaxLength(16);
            media.Property(m => m.ProductType).HasConversion<string>().HasMaxLength(16);
            media.Property(m => m.Shortcode).HasMaxLength(16);
            media.HasIndex(m => m.Shortcode).IsUnique();
            // The profile grid, newest first: one range scan whatever the page. Partial, because a bare
            // boolean term ("AND InGrid") cannot use an index column by equality, which made SQLite sort.
            media.HasIndex(m => new { m.OwnerId, m.CreatedAt, m.Id }).HasDatabaseName("IX_Media_Grid").HasFilter("\"InGrid\"");
            media.HasIndex(m => new { m.ParentId, m.Position });
            media.HasOne<Account>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
            media.HasOne<Media>().WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccessToken>(token =>
        {
            token.HasKey(t => t.Hash);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.Property(t => t.Flavour).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.RevokedBecause).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.CodeHash).HasMaxLength(32);
            // Subjects are of several kinds (accounts, Facebook users, Pages), so no foreign key to one table.
            token.HasIndex(t => new { t.SubjectId, t.AppId });
            token.HasIndex(t => t.CodeHash);
            token.HasOne<App>().WithMany().HasForeignKey(t => t.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IdBlock>(block =>
        {
            block.HasKey(b => b.Kind);
            block.Property(b => b.Kind).ValueGeneratedNever();
        });
    }
}
