CREATE TABLE `audio_clips` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`message_id` text NOT NULL,
	`variant` text NOT NULL,
	`voice` text NOT NULL,
	`content_hash` text NOT NULL,
	`storage_key` text NOT NULL,
	`mime_type` text DEFAULT 'audio/mpeg' NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'generating' NOT NULL,
	`error` text,
	`job_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audio_clips_message_idx` ON `audio_clips` (`message_id`,`variant`,`voice`);--> statement-breakpoint
CREATE INDEX `audio_clips_user_idx` ON `audio_clips` (`user_id`);