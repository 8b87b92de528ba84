CREATE TABLE `claim_entities` (
	`claim_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`role` text DEFAULT 'mentioned' NOT NULL,
	PRIMARY KEY(`claim_id`, `entity_id`, `role`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `pkb_entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_entities_entity_idx` ON `claim_entities` (`entity_id`);--> statement-breakpoint
CREATE TABLE `claim_tags` (
	`claim_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`claim_id`, `tag_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `pkb_tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_tags_tag_idx` ON `claim_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`rowid` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`user_id` text NOT NULL,
	`statement` text NOT NULL,
	`normalized` text NOT NULL,
	`type` text NOT NULL,
	`domain` text DEFAULT 'personal' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`confidence` real,
	`valid_from` integer,
	`valid_to` integer,
	`pinned` integer DEFAULT false NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`source_conversation_id` text,
	`source_message_id` text,
	`search_text` text DEFAULT '' NOT NULL,
	`embedding` blob,
	`embedding_model` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_id_unique` ON `claims` (`id`);--> statement-breakpoint
CREATE INDEX `claims_user_status_idx` ON `claims` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `claims_user_updated_idx` ON `claims` (`user_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `claims_user_normalized_idx` ON `claims` (`user_id`,`normalized`);--> statement-breakpoint
CREATE INDEX `claims_user_pinned_idx` ON `claims` (`user_id`,`pinned`);--> statement-breakpoint
CREATE TABLE `conflict_members` (
	`conflict_id` text NOT NULL,
	`claim_id` text NOT NULL,
	PRIMARY KEY(`conflict_id`, `claim_id`),
	FOREIGN KEY (`conflict_id`) REFERENCES `conflict_sets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conflict_members_claim_idx` ON `conflict_members` (`claim_id`);--> statement-breakpoint
CREATE TABLE `conflict_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`origin` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conflict_sets_user_status_idx` ON `conflict_sets` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `conversation_claims` (
	`conversation_id` text NOT NULL,
	`claim_id` text NOT NULL,
	`user_id` text NOT NULL,
	`mode` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `claim_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_claims_claim_idx` ON `conversation_claims` (`claim_id`);--> statement-breakpoint
CREATE TABLE `message_claim_uses` (
	`message_id` text NOT NULL,
	`claim_id` text NOT NULL,
	`via` text NOT NULL,
	`why` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`message_id`, `claim_id`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_claim_uses_claim_idx` ON `message_claim_uses` (`claim_id`);--> statement-breakpoint
CREATE TABLE `pkb_entities` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text DEFAULT 'other' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pkb_entities_user_type_name_idx` ON `pkb_entities` (`user_id`,`type`,`name`);--> statement-breakpoint
CREATE TABLE `pkb_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`conversation_id` text,
	`message_id` text,
	`proposals` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pkb_plans_user_idx` ON `pkb_plans` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `pkb_plans_conversation_idx` ON `pkb_plans` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `pkb_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`auto_propose` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pkb_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pkb_tags_user_name_idx` ON `pkb_tags` (`user_id`,`name`);--> statement-breakpoint
-- Full-text index over each claim's statement plus its tag and entity names (external content on claims.rowid).
CREATE VIRTUAL TABLE `claims_fts` USING fts5(statement, search_text, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `claims_fts_ai` AFTER INSERT ON `claims` BEGIN
  INSERT INTO claims_fts(rowid, statement, search_text) VALUES (new.rowid, new.statement, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_ad` AFTER DELETE ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, statement, search_text) VALUES ('delete', old.rowid, old.statement, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_au` AFTER UPDATE OF statement, search_text ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, statement, search_text) VALUES ('delete', old.rowid, old.statement, old.search_text);
  INSERT INTO claims_fts(rowid, statement, search_text) VALUES (new.rowid, new.statement, new.search_text);
END;
