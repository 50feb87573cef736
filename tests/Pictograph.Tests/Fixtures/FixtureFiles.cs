using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Fixtures;

/// <summary>A temp folder holding a fixture file and the media files it names.</summary>
public sealed class FixtureFiles : IDisposable
{
    public FixtureFiles(string yaml)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "photos"));
        File.WriteAllBytes(Path.Combine(Folder, "photos", "harbour.jpg"), DemoImages.Jpeg(64, 80, 7));
        File.WriteAllBytes(Path.Combine(Folder, "clip.mp4"), DemoAssets.Read(DemoAssets.Video));
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "not a picture");
        File.WriteAllText(FixturePath, yaml);
    }

    public string Folder { get; } = PictographCli.NewDataDirectory();

    public string FixturePath => Path.Combine(Folder, "world.yaml");

    /// <summary>A small world touching every section: two apps, a Facebook user and a Page, accounts of each type, media of each kind, threads, tokens, engagement and a fault rule.</summary>
    public const string Shop = """
        name: shop-world
        apps:
          - key: shop_app
            id: 1000000000004204
            secret: 0123456789abcdef0123456789abcdef
            name: Shop App
            mode: live
            redirect_uris: [https://shop.example/callback]
            roles: {owner: administrator, shop: tester}
            webhooks:
              - callback_url: https://shop.example/hooks
                verify_token: hush
                fields: [comments, mentions]
        facebook_users:
          - key: owner
            name: Olive Owner
            email: olive@example.com
            password: pictograph
        accounts:
          - key: shop
            username: corner_shop
            type: business
            name: Corner Shop
            biography: Bread and coffee.
            website: https://shop.example
            password: pictograph
            picture: photos/harbour.jpg
            country: PT
            city: Lisbon, Lisboa
            gender: U
            birth_year: 1990
            subscribed_apps: [{app: shop_app, fields: [comments]}]
          - key: fan
            username: bread.fan
            created: -30d
          - key: maker
            username: the.maker
            type: creator
        pages:
          - key: shop_page
            name: Corner Shop
            category: Bakery
            instagram: shop
            roles: {owner: [MANAGE, CREATE_CONTENT, MODERATE, ANALYZE]}
        follows:
          - {follower: fan, followee: shop, created: -10d}
        media:
          - key: loaf
            owner: shop
            caption: "Fresh loaf with @bread.fan #bread"
            created: -3d
            file: photos/harbour.jpg
            tags: [fan]
            likes: [{account: fan, created: -2d}, maker]
          - key: reel
            owner: shop
            type: video
            product: reels
            caption: "Kneading #bread"
            created: -1d
            file: clip.mp4
          - key: album
            owner: shop
            type: carousel
            caption: Three loaves
            created: -2h
            children:
              - file: photos/harbour.jpg
              - file: {generate: 5, width: 100, height: 120}
          - key: today
            owner: shop
            product: story
            created: -1h
        comments:
          - key: question
            media: loaf
            author: fan
            text: "Open on Sundays? #bread"
            created: -2d
            likes: [maker]
          - reply_to: question
            author: shop
            text: "@bread.fan yes, from 8"
            created: -47h
        tokens:
          - key: shop_ig
            app: shop_app
            user: shop
            flavour: instagram_login
            scopes: [instagram_business_basic, instagram_business_manage_comments]
            value: IGAAshopFixtureToken0000000000000001
          - key: fan_basic
            app: shop_app
            user: fan
            flavour: basic_display
            scopes: [user_profile, user_media]
            expires: +1h
          - key: olive
            app: shop_app
            user: owner
            flavour: facebook
            scopes: [instagram_basic, pages_show_list]
        engagement:
          - {media: loaf, kind: view, actor: fan, created: -2d}
          - {account: shop, kind: profile_view, created: -1d}
        faults:
          - match: {method: GET, path: "/v*/me/media*"}
            error: {code: 4, message: Too many calls}
            times: 1
        """;

    public void Dispose() => PictographCli.DeleteDataDirectory(Folder);
}
