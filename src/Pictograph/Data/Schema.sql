CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Accounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Accounts" PRIMARY KEY,
    "Username" TEXT NOT NULL,
    "AccountType" TEXT NOT NULL,
    "Name" TEXT NULL,
    "Biography" TEXT NULL,
    "Website" TEXT NULL,
    "ProfilePictureKey" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL
);

CREATE TABLE "Apps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Apps" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Mode" TEXT NOT NULL,
    "RedirectUris" TEXT NOT NULL,
    "DeauthorizeCallbackUrl" TEXT NULL,
    "DataDeletionCallbackUrl" TEXT NULL,
    "RequireAppSecretProof" INTEGER NOT NULL
);

CREATE TABLE "FacebookUsers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FacebookUsers" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "PasswordHash" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "IdBlocks" (
    "Kind" INTEGER NOT NULL CONSTRAINT "PK_IdBlocks" PRIMARY KEY,
    "Next" INTEGER NOT NULL
);

CREATE TABLE "Media" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Media" PRIMARY KEY,
    "OwnerId" INTEGER NOT NULL,
    "MediaType" TEXT NOT NULL,
    "ProductType" TEXT NOT NULL,
    "Caption" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Shortcode" TEXT NOT NULL,
    "ParentId" INTEGER NULL,
    "Position" INTEGER NOT NULL,
    "FileKey" TEXT NULL,
    "ThumbnailKey" TEXT NULL,
    "CommentEnabled" INTEGER NOT NULL,
    "InGrid" INTEGER NOT NULL,
    CONSTRAINT "FK_Media_Accounts_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Media_Media_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Pages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Pages" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "InstagramAccountId" INTEGER NULL,
    CONSTRAINT "FK_Pages_Accounts_InstagramAccountId" FOREIGN KEY ("InstagramAccountId") REFERENCES "Accounts" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AccessTokens" (
    "Hash" BLOB NOT NULL CONSTRAINT "PK_AccessTokens" PRIMARY KEY,
    "AppId" INTEGER NOT NULL,
    "SubjectId" INTEGER NOT NULL,
    "OnBehalfOfId" INTEGER NULL,
    "CodeHash" BLOB NULL,
    "Flavour" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedBecause" TEXT NULL,
    CONSTRAINT "FK_AccessTokens_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AppRoles" (
    "AppId" INTEGER NOT NULL,
    "PersonId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    CONSTRAINT "PK_AppRoles" PRIMARY KEY ("AppId", "PersonId"),
    CONSTRAINT "FK_AppRoles_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AuthorizationCodes" (
    "Hash" BLOB NOT NULL CONSTRAINT "PK_AuthorizationCodes" PRIMARY KEY,
    "AppId" INTEGER NOT NULL,
    "SubjectId" INTEGER NOT NULL,
    "Flavour" TEXT NOT NULL,
    "RedirectUri" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL,
    CONSTRAINT "FK_AuthorizationCodes_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PageRoles" (
    "PageId" INTEGER NOT NULL,
    "FacebookUserId" INTEGER NOT NULL,
    "Tasks" TEXT NOT NULL,
    CONSTRAINT "PK_PageRoles" PRIMARY KEY ("PageId", "FacebookUserId"),
    CONSTRAINT "FK_PageRoles_FacebookUsers_FacebookUserId" FOREIGN KEY ("FacebookUserId") REFERENCES "FacebookUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PageRoles_Pages_PageId" FOREIGN KEY ("PageId") REFERENCES "Pages" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AccessTokens_AppId" ON "AccessTokens" ("AppId");

CREATE INDEX "IX_AccessTokens_CodeHash" ON "AccessTokens" ("CodeHash");

CREATE INDEX "IX_AccessTokens_SubjectId_AppId" ON "AccessTokens" ("SubjectId", "AppId");

CREATE UNIQUE INDEX "IX_Accounts_Username" ON "Accounts" ("Username");

CREATE INDEX "IX_AppRoles_PersonId" ON "AppRoles" ("PersonId");

CREATE INDEX "IX_AuthorizationCodes_AppId" ON "AuthorizationCodes" ("AppId");

CREATE UNIQUE INDEX "IX_FacebookUsers_Email" ON "FacebookUsers" ("Email");

CREATE INDEX "IX_Media_Grid" ON "Media" ("OwnerId", "CreatedAt", "Id") WHERE "InGrid";

CREATE INDEX "IX_Media_ParentId_Position" ON "Media" ("ParentId", "Position");

CREATE UNIQUE INDEX "IX_Media_Shortcode" ON "Media" ("Shortcode");

CREATE INDEX "IX_PageRoles_FacebookUserId" ON "PageRoles" ("FacebookUserId");

CREATE UNIQUE INDEX "IX_Pages_InstagramAccountId" ON "Pages" ("InstagramAccountId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128201445_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Comments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Comments" PRIMARY KEY,
    "MediaId" INTEGER NOT NULL,
    "AuthorId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    "Hidden" INTEGER NOT NULL,
    CONSTRAINT "FK_Comments_Accounts_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Comments_Comments_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Comments_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Follows" (
    "FollowerId" INTEGER NOT NULL,
    "FolloweeId" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_Follows" PRIMARY KEY ("FollowerId", "FolloweeId"),
    CONSTRAINT "FK_Follows_Accounts_FolloweeId" FOREIGN KEY ("FolloweeId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Follows_Accounts_FollowerId" FOREIGN KEY ("FollowerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Hashtags" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Hashtags" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

CREATE TABLE "MediaLikes" (
    "MediaId" INTEGER NOT NULL,
    "AccountId" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_MediaLikes" PRIMARY KEY ("MediaId", "AccountId"),
    CONSTRAINT "FK_MediaLikes_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MediaLikes_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserTags" (
    "MediaId" INTEGER NOT NULL,
    "AccountId" INTEGER NOT NULL,
    CONSTRAINT "PK_UserTags" PRIMARY KEY ("MediaId", "AccountId"),
    CONSTRAINT "FK_UserTags_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_UserTags_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CommentLikes" (
    "CommentId" INTEGER NOT NULL,
    "AccountId" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_CommentLikes" PRIMARY KEY ("CommentId", "AccountId"),
    CONSTRAINT "FK_CommentLikes_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CommentLikes_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Mentions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Mentions" PRIMARY KEY AUTOINCREMENT,
    "AccountId" INTEGER NOT NULL,
    "MediaId" INTEGER NOT NULL,
    "CommentId" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Mentions_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mentions_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mentions_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HashtagSearches" (
    "AccountId" INTEGER NOT NULL,
    "HashtagId" INTEGER NOT NULL,
    "SearchedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_HashtagSearches" PRIMARY KEY ("AccountId", "HashtagId"),
    CONSTRAINT "FK_HashtagSearches_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_HashtagSearches_Hashtags_HashtagId" FOREIGN KEY ("HashtagId") REFERENCES "Hashtags" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HashtagUses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_HashtagUses" PRIMARY KEY AUTOINCREMENT,
    "HashtagId" INTEGER NOT NULL,
    "MediaId" INTEGER NOT NULL,
    "CommentId" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_HashtagUses_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_HashtagUses_Hashtags_HashtagId" FOREIGN KEY ("HashtagId") REFERENCES "Hashtags" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_HashtagUses_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CommentLikes_AccountId" ON "CommentLikes" ("AccountId");

CREATE INDEX "IX_Comments_AuthorId" ON "Comments" ("AuthorId");

CREATE INDEX "IX_Comments_MediaId_ParentId_CreatedAt_Id" ON "Comments" ("MediaId", "ParentId", "CreatedAt", "Id");

CREATE INDEX "IX_Comments_ParentId_CreatedAt_Id" ON "Comments" ("ParentId", "CreatedAt", "Id");

CREATE INDEX "IX_Follows_FolloweeId" ON "Follows" ("FolloweeId");

CREATE INDEX "IX_HashtagSearches_AccountId_SearchedAt" ON "HashtagSearches" ("AccountId", "SearchedAt");

CREATE INDEX "IX_HashtagSearches_HashtagId" ON "HashtagSearches" ("HashtagId");

CREATE INDEX "IX_HashtagUses_CommentId" ON "HashtagUses" ("CommentId");

CREATE INDEX "IX_HashtagUses_HashtagId_CreatedAt_MediaId" ON "HashtagUses" ("HashtagId", "CreatedAt", "MediaId");

CREATE INDEX "IX_HashtagUses_MediaId" ON "HashtagUses" ("MediaId");

CREATE UNIQUE INDEX "IX_Hashtags_Name" ON "Hashtags" ("Name");

CREATE INDEX "IX_MediaLikes_AccountId" ON "MediaLikes" ("AccountId");

CREATE INDEX "IX_Mentions_AccountId_CreatedAt" ON "Mentions" ("AccountId", "CreatedAt");

CREATE INDEX "IX_Mentions_CommentId" ON "Mentions" ("CommentId");

CREATE INDEX "IX_Mentions_MediaId" ON "Mentions" ("MediaId");

CREATE INDEX "IX_UserTags_AccountId" ON "UserTags" ("AccountId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128210050_Social', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_HashtagUses_MediaId";

CREATE INDEX "IX_HashtagUses_MediaId_HashtagId" ON "HashtagUses" ("MediaId", "HashtagId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128220106_HashtagUseByMedia', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Media" ADD "AltText" TEXT NULL;

ALTER TABLE "Media" ADD "SharedToFeed" INTEGER NULL;

ALTER TABLE "Accounts" ADD "BirthYear" INTEGER NULL;

ALTER TABLE "Accounts" ADD "City" TEXT NULL;

ALTER TABLE "Accounts" ADD "Country" TEXT NULL;

ALTER TABLE "Accounts" ADD "Gender" TEXT NULL;

CREATE TABLE "AccountSubscriptions" (
    "AccountId" INTEGER NOT NULL,
    "AppId" INTEGER NOT NULL,
    "Fields" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_AccountSubscriptions" PRIMARY KEY ("AccountId", "AppId"),
    CONSTRAINT "FK_AccountSubscriptions_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AccountSubscriptions_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Containers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Containers" PRIMARY KEY,
    "OwnerId" INTEGER NOT NULL,
    "MediaId" INTEGER NOT NULL,
    "AppId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "IsCarouselItem" INTEGER NOT NULL,
    "ImageUrl" TEXT NULL,
    "VideoUrl" TEXT NULL,
    "CoverUrl" TEXT NULL,
    "ThumbOffsetMs" INTEGER NOT NULL,
    "ShareToFeed" INTEGER NOT NULL,
    "AudioName" TEXT NULL,
    "Caption" TEXT NULL,
    "AltText" TEXT NULL,
    "LocationId" INTEGER NULL,
    "UserTags" TEXT NULL,
    "Collaborators" TEXT NULL,
    "Children" TEXT NULL,
    "State" TEXT NOT NULL,
    "ErrorCode" INTEGER NULL,
    "ErrorSubcode" INTEGER NULL,
    "ErrorMessage" TEXT NULL,
    "FileType" TEXT NULL,
    "FileKey" TEXT NULL,
    "ThumbnailKey" TEXT NULL,
    "Width" INTEGER NULL,
    "Height" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "PublishedMediaId" INTEGER NULL,
    "PublishedAt" INTEGER NULL,
    CONSTRAINT "FK_Containers_Accounts_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Containers_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "InsightEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InsightEvents" PRIMARY KEY AUTOINCREMENT,
    "AccountId" INTEGER NOT NULL,
    "MediaId" INTEGER NULL,
    "ActorId" INTEGER NULL,
    "Kind" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_InsightEvents_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InsightEvents_Media_MediaId" FOREIGN KEY ("MediaId") REFERENCES "Media" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Jobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Jobs" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "RunAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    "LastError" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "AppId" INTEGER NOT NULL,
    "Object" TEXT NOT NULL,
    "Field" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeliveredAt" INTEGER NULL,
    CONSTRAINT "FK_WebhookDeliveries_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookSubscriptions" (
    "AppId" INTEGER NOT NULL,
    "Object" TEXT NOT NULL,
    "CallbackUrl" TEXT NOT NULL,
    "VerifyToken" TEXT NOT NULL,
    "Fields" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_WebhookSubscriptions" PRIMARY KEY ("AppId", "Object"),
    CONSTRAINT "FK_WebhookSubscriptions_Apps_AppId" FOREIGN KEY ("AppId") REFERENCES "Apps" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookAttempts" PRIMARY KEY AUTOINCREMENT,
    "DeliveryId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "LatencyMs" INTEGER NOT NULL,
    "Error" TEXT NULL,
    CONSTRAINT "FK_WebhookAttempts_WebhookDeliveries_DeliveryId" FOREIGN KEY ("DeliveryId") REFERENCES "WebhookDeliveries" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AccountSubscriptions_AppId" ON "AccountSubscriptions" ("AppId");

CREATE INDEX "IX_Containers_AppId" ON "Containers" ("AppId");

CREATE INDEX "IX_Containers_OwnerId_CreatedAt" ON "Containers" ("OwnerId", "CreatedAt");

CREATE INDEX "IX_Containers_OwnerId_PublishedAt" ON "Containers" ("OwnerId", "PublishedAt");

CREATE INDEX "IX_InsightEvents_AccountId_Kind_CreatedAt" ON "InsightEvents" ("AccountId", "Kind", "CreatedAt");

CREATE INDEX "IX_InsightEvents_MediaId_Kind_CreatedAt" ON "InsightEvents" ("MediaId", "Kind", "CreatedAt");

CREATE INDEX "IX_Jobs_State_RunAt" ON "Jobs" ("State", "RunAt");

CREATE INDEX "IX_WebhookAttempts_DeliveryId_Id" ON "WebhookAttempts" ("DeliveryId", "Id");

CREATE INDEX "IX_WebhookDeliveries_AppId_Id" ON "WebhookDeliveries" ("AppId", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128223309_PublishingWebhooksInsights', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Media_Recent" ON "Media" ("CreatedAt", "Id") WHERE "InGrid";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129010926_RecentMediaIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Media_Grid";

ALTER TABLE "Media" ADD "Version" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "IX_Media_Grid" ON "Media" ("OwnerId", "CreatedAt", "Id", "Version") WHERE "InGrid";

CREATE TRIGGER "Media_Version" AFTER UPDATE ON "Media" FOR EACH ROW WHEN NEW."Version" = OLD."Version"
BEGIN
    UPDATE "Media" SET "Version" = OLD."Version" + 1 WHERE "Id" = NEW."Id";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129013511_MediaVersion', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TRIGGER "Comments_Insert_MediaVersion" AFTER INSERT ON "Comments" FOR EACH ROW
BEGIN
    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = NEW."MediaId";
END;

CREATE TRIGGER "Comments_Update_MediaVersion" AFTER UPDATE ON "Comments" FOR EACH ROW
BEGIN
    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" IN (OLD."MediaId", NEW."MediaId");
END;

CREATE TRIGGER "Comments_Delete_MediaVersion" AFTER DELETE ON "Comments" FOR EACH ROW
BEGIN
    UPDATE "Media" SET "Version" = "Version" + 1 WHERE "Id" = OLD."MediaId";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129035118_CommentsRaiseMediaVersion', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Containers" ADD "IsResumable" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Containers" ADD "UploadFileSize" INTEGER NULL;

ALTER TABLE "Containers" ADD "UploadedBytes" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202101702_ResumableUpload', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Jobs" ADD "AccountId" INTEGER NULL;

CREATE INDEX "IX_Jobs_AccountId_State_LeaseUntil" ON "Jobs" ("AccountId", "State", "LeaseUntil");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202164804_JobAccounts', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203174300_AppSecretLength', '10.0.15');

COMMIT;

