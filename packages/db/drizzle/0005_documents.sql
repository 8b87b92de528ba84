CREATE TABLE `document_chunks` (
	`rowid` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`position` integer NOT NULL,
	`page_start` integer NOT NULL,
	`page_end` integer NOT NULL,
	`char_start` integer NOT NULL,
	`char_end` integer NOT NULL,
	`token_count` integer NOT NULL,
	`text` text NOT NULL,
	`embedding` blob,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_chunks_position_idx` ON `document_chunks` (`document_id`,`position`);--> statement-breakpoint
CREATE INDEX `document_chunks_conversation_idx` ON `document_chunks` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `document_pages` (
	`document_id` text NOT NULL,
	`page` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`document_id`, `page`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`filename` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`source_url` text,
	`storage_key` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`short_summary` text,
	`page_count` integer,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`token_count` integer DEFAULT 0 NOT NULL,
	`preview` text,
	`job_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_ordinal_idx` ON `documents` (`conversation_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `documents_sha_idx` ON `documents` (`conversation_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `documents_user_idx` ON `documents` (`user_id`);--> statement-breakpoint
-- Full-text index over chunk text (BM25 via FTS5), external content on document_chunks.rowid.
CREATE VIRTUAL TABLE `document_chunks_fts` USING fts5(text, content='document_chunks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `document_chunks_fts_ai` AFTER INSERT ON `document_chunks` BEGIN
  INSERT INTO document_chunks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `document_chunks_fts_ad` AFTER DELETE ON `document_chunks` BEGIN
  INSERT INTO document_chunks_fts(document_chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `document_chunks_fts_au` AFTER UPDATE OF text ON `document_chunks` BEGIN
  INSERT INTO document_chunks_fts(document_chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO document_chunks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
