using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data;

public sealed class PictographDb(DbContextOptions<PictographDb> options) : DbContext(options)
{
    public DbSet<App> Apps => Set<App>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Media> Media => Set<Media>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<IdBlock> IdBlocks => Set<IdBlock>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<App>(app =>
        {
            app.Property(a => a.Id).ValueGeneratedNever();
            app.Property(a => a.Name).HasMaxLength(200);
            app.Property(a => a.Secret).HasMaxLength(64);
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
            // The profile grid, newest first: one range scan whatever the page.
            media.HasIndex(m => new { m.OwnerId, m.InGrid, m.CreatedAt, m.Id });
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
            token.HasIndex(t => new { t.AccountId, t.AppId });
            token.HasOne<App>().WithMany().HasForeignKey(t => t.AppId).OnDelete(DeleteBehavior.Cascade);
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IdBlock>(block =>
        {
            block.HasKey(b => b.Kind);
            block.Property(b => b.Kind).ValueGeneratedNever();
        });
    }
}
