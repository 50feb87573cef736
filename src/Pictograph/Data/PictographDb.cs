using Microsoft.EntityFrameworkCore;

namespace Pictograph.Data;

/// <summary>
/// The one model of the state, and the SQLite provider's context (its migrations are in Data/Migrations);
/// <see cref="Providers.PostgreSqlDb"/> is the same model with PostgreSQL's migrations.
/// </summary>
public class PictographDb : DbContext
{
    public PictographDb(DbContextOptions<PictographDb> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type, which EF Core keeps its migrations under.</summary>
    protected PictographDb(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// A context kept with a <see cref="Connections.PreparedConnection"/> for its whole life and lent to one
    /// request scope after another: the scope's disposal must not end it, <see cref="End"/> does.
    /// </summary>
    internal bool Lent { get; init; }

    public override void Dispose()
    {
        if (!Lent)
        {
            base.Dispose();
        }
    }

    public override ValueTask DisposeAsync() => Lent ? ValueTask.CompletedTask : base.DisposeAsync();

    internal void End() => base.Dispose();

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

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<MediaLike> MediaLikes => Set<MediaLike>();

    public DbSet<CommentLike> CommentLikes => Set<CommentLike>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<Hashtag> Hashtags => Set<Hashtag>();

    public DbSet<HashtagUse> HashtagUses => Set<HashtagUse>();

    public DbSet<HashtagSearch> HashtagSearches => Set<HashtagSearch>();

    public DbSet<Mention> Mentions => Set<Mention>();

    public DbSet<UserTag> UserTags => Set<UserTag>();

    public DbSet<MediaContainer> Containers => Set<MediaContainer>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<AccountSubscription> AccountSubscriptions => Set<AccountSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<InsightEvent> InsightEvents => Set<InsightEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<App>(app =>
        {
            app.Property(a => a.Id).ValueGeneratedNever();
            app.Property(a => a.Name).HasMaxLength(200);
            app.Property(a => a.StoredSecret).HasColumnName("Secret").HasMaxLength(512);
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
            account.Property(a => a.Country).HasMaxLength(2);
            account.Property(a => a.City).HasMaxLength(100);
            account.Property(a => a.Gender).HasMaxLength(1);
        });

        modelBuilder.Entity<Media>(media =>
        {
            media.Property(m => m.Id).ValueGeneratedNever();
            media.Property(m => m.MediaType).HasConversion<string>().HasMaxLength(16);
            media.Property(m => m.ProductType).HasConversion<string>().HasMaxLength(16);
            media.Property(m => m.Shortcode).HasMaxLength(16);
            media.Property(m => m.AltText).HasMaxLength(1000);
            media.HasIndex(m => m.Shortcode).IsUnique();
            // The profile grid, newest first: one range scan whatever the page. Partial, because a bare
            // boolean term ("AND InGrid") cannot use an index column by equality, which made SQLite sort.
            // Version makes it cover a page's keys, which the kept copies of the rows are checked against.
            media.HasIndex(m => new { m.OwnerId, m.CreatedAt, m.Id, m.Version }).HasDatabaseName("IX_Media_Grid").HasFilter("\"InGrid\"");
            // Every account's grid media, newest first: a hashtag's recent_media walks it from now back
            // to 24 hours ago, probing each post for the tag, instead of sorting every tagged post.
            media.HasIndex(m => new { m.CreatedAt, m.Id }).HasDatabaseName("IX_Media_Recent").HasFilter("\"InGrid\"");
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

        modelBuilder.Entity<Comment>(comment =>
        {
            comment.Property(c => c.Id).ValueGeneratedNever();
            comment.Property(c => c.Text).HasMaxLength(2200);
            // Top-level comments of a media item newest first; replies of a comment oldest first.
            comment.HasIndex(c => new { c.MediaId, c.ParentId, c.CreatedAt, c.Id });
            comment.HasIndex(c => new { c.ParentId, c.CreatedAt, c.Id });
            comment.HasOne<Media>().WithMany().HasForeignKey(c => c.MediaId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne<Account>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediaLike>(like =>
        {
            like.HasKey(l => new { l.MediaId, l.AccountId });
            like.HasIndex(l => l.AccountId);
            like.HasOne<Media>().WithMany().HasForeignKey(l => l.MediaId).OnDelete(DeleteBehavior.Cascade);
            like.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CommentLike>(like =>
        {
            like.HasKey(l => new { l.CommentId, l.AccountId });
            like.HasOne<Comment>().WithMany().HasForeignKey(l => l.CommentId).OnDelete(DeleteBehavior.Cascade);
            like.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Follow>(follow =>
        {
            follow.HasKey(f => new { f.FollowerId, f.FolloweeId });
            follow.HasIndex(f => f.FolloweeId);
            follow.HasOne<Account>().WithMany().HasForeignKey(f => f.FollowerId).OnDelete(DeleteBehavior.Cascade);
            follow.HasOne<Account>().WithMany().HasForeignKey(f => f.FolloweeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Hashtag>(hashtag =>
        {
            hashtag.Property(h => h.Id).ValueGeneratedNever();
            hashtag.Property(h => h.Name).HasMaxLength(100);
            hashtag.HasIndex(h => h.Name).IsUnique();
        });

        modelBuilder.Entity<HashtagUse>(use =>
        {
            use.Property(u => u.Id).ValueGeneratedOnAdd();
            // recent_media: a hashtag's uses newest first.
            use.HasIndex(u => new { u.HashtagId, u.CreatedAt, u.MediaId });
            // "Does this media use this hashtag?" (hashtag media lists) is one index probe.
            use.HasIndex(u => new { u.MediaId, u.HashtagId });
            use.HasOne<Hashtag>().WithMany().HasForeignKey(u => u.HashtagId).OnDelete(DeleteBehavior.Cascade);
            use.HasOne<Media>().WithMany().HasForeignKey(u => u.MediaId).OnDelete(DeleteBehavior.Cascade);
            use.HasOne<Comment>().WithMany().HasForeignKey(u => u.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<HashtagSearch>(search =>
        {
            search.HasKey(s => new { s.AccountId, s.HashtagId });
            search.HasIndex(s => new { s.AccountId, s.SearchedAt });
            search.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            search.HasOne<Hashtag>().WithMany().HasForeignKey(s => s.HashtagId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Mention>(mention =>
        {
            mention.Property(m => m.Id).ValueGeneratedOnAdd();
            mention.HasIndex(m => new { m.AccountId, m.CreatedAt });
            mention.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            mention.HasOne<Media>().WithMany().HasForeignKey(m => m.MediaId).OnDelete(DeleteBehavior.Cascade);
            mention.HasOne<Comment>().WithMany().HasForeignKey(m => m.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UserTag>(tag =>
        {
            tag.HasKey(t => new { t.MediaId, t.AccountId });
            tag.HasIndex(t => t.AccountId);
            tag.HasOne<Media>().WithMany().HasForeignKey(t => t.MediaId).OnDelete(DeleteBehavior.Cascade);
            tag.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediaContainer>(container =>
        {
            container.Property(c => c.Id).ValueGeneratedNever();
            container.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            container.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            container.Property(c => c.FileType).HasConversion<string>().HasMaxLength(16);
            container.Property(c => c.ImageUrl).HasMaxLength(2048);
            container.Property(c => c.VideoUrl).HasMaxLength(2048);
            container.Property(c => c.CoverUrl).HasMaxLength(2048);
            container.Property(c => c.AudioName).HasMaxLength(200);
            container.Property(c => c.Caption).HasMaxLength(2200);
            container.Property(c => c.AltText).HasMaxLength(1000);
            container.Property(c => c.UserTags).HasMaxLength(8192);
            container.Property(c => c.Collaborators).HasMaxLength(512);
            container.Property(c => c.Children).HasMaxLength(512);
            container.Property(c => c.ErrorMessage).HasMaxLength(1000);
            // Quotas: containers created and posts published per account in a rolling 24 hours.
            container.HasIndex(c => new { c.OwnerId, c.CreatedAt });
            container.HasIndex(c => new { c.OwnerId, c.PublishedAt });
            container.HasOne<Account>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
            container.HasOne<App>().WithMany().HasForeignKey(c => c.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Job>(job =>
        {
            job.Property(j => j.Id).ValueGeneratedOnAdd();
            job.Property(j => j.Kind).HasMaxLength(64);
            job.Property(j => j.Payload).HasMaxLength(65_536);
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.LeaseOwner).HasMaxLength(64);
            job.Property(j => j.LastError).HasMaxLength(2000);
            // The claim query: due pending jobs, oldest first.
            job.HasIndex(j => new { j.State, j.RunAt });
            // The claim's fairness check: an account's jobs that are running now.
            job.HasIndex(j => new { j.AccountId, j.State, j.LeaseUntil });
        });

        modelBuilder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.HasKey(s => new { s.AppId, s.Object });
            subscription.Property(s => s.Object).HasMaxLength(32);
            subscription.Property(s => s.CallbackUrl).HasMaxLength(2048);
            subscription.Property(s => s.VerifyToken).HasMaxLength(256);
            subscription.Property(s => s.Fields).HasMaxLength(1024);
            subscription.HasOne<App>().WithMany().HasForeignKey(s => s.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccountSubscription>(subscription =>
        {
            subscription.HasKey(s => new { s.AccountId, s.AppId });
            subscription.HasIndex(s => s.AppId);
            subscription.Property(s => s.Fields).HasMaxLength(1024);
            subscription.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            subscription.HasOne<App>().WithMany().HasForeignKey(s => s.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.Property(d => d.Id).ValueGeneratedOnAdd();
            delivery.Property(d => d.Object).HasMaxLength(32);
            delivery.Property(d => d.Field).HasMaxLength(64);
            delivery.Property(d => d.Payload).HasMaxLength(262_144);
            delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            // The delivery log: an app's deliveries newest first.
            delivery.HasIndex(d => new { d.AppId, d.Id });
            delivery.HasOne<App>().WithMany().HasForeignKey(d => d.AppId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.Property(a => a.Id).ValueGeneratedOnAdd();
            attempt.Property(a => a.Error).HasMaxLength(1000);
            attempt.HasIndex(a => new { a.DeliveryId, a.Id });
            attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InsightEvent>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Detail).HasMaxLength(64);
            // Account metrics scan one account's events of a kind over a time range; media metrics one media's.
            e.HasIndex(x => new { x.AccountId, x.Kind, x.CreatedAt });
            e.HasIndex(x => new { x.MediaId, x.Kind, x.CreatedAt });
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Media>().WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IdBlock>(block =>
        {
            block.HasKey(b => b.Kind);
            block.Property(b => b.Kind).ValueGeneratedNever();
        });
    }
}
