using System.Text;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Comments.CommentWorld;

namespace Pictograph.Tests.Comments;

/// <summary>Replies posted while their comment is deleted, and reply text that is not Unicode.</summary>
[Collection(CommentsCollection.Name)]
public sealed class ReplyRaceTests(PictographServer server)
{
    [Fact]
    public async Task Replies_racing_the_deletion_of_their_comment_are_created_or_refused_as_missing_never_a_500()
    {
        var token = await server.FacebookTokenAsync();
        for (var round = 0; round < 4; round++)
        {
            var media = await server.NewMediaAsync();
            var top = await server.AddCommentAsync(media.Id, Jane, "about to go");
            // Replies that found the comment before the delete committed insert after it: the window of the race.
            var early = Enumerable.Range(0, 25).Select(i => server.PostAsync($"/{top.Id}/replies?message=early{i}&access_token={token}")).ToList();
            var delete = server.DeleteAsync($"/{top.Id}?access_token={token}");
            var late = Enumerable.Range(0, 25).Select(i => server.PostAsync($"/{top.Id}/replies?message=late{i}&access_token={token}")).ToList();

            AssertSuccess(await delete);
            foreach (var reply in await Task.WhenAll(early.Concat(late)))
            {
                if (reply.Status != 200)
                {
                    GraphAssert.Error(reply, 400, 100, 33);
                }
            }

            Assert.Equal(0, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id)));
        }
    }

    [Fact]
    public async Task A_reply_whose_JSON_message_is_not_Unicode_is_a_400()
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "hello");
        var token = await server.FacebookTokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{top.Id}/replies?access_token={token}")
        {
            Content = new StringContent("""{"message":"hi \ud800"}""", Encoding.UTF8, "application/json"),
        };
        var response = await server.SendAsync(request);

        GraphAssert.Error(response, 400, 100);
        Assert.Equal(1, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id)));
    }
}
