import { Checkbox, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

/** "Suggest memories after replies" (pkb.settings.autoPropose). */
export function MemorySettings() {
  const utils = trpc.useUtils();
  const settings = trpc.pkb.settings.get.useQuery();
  const update = trpc.pkb.settings.update.useMutation({
    onSuccess: (data) => {
      utils.pkb.settings.get.setData(undefined, data);
    },
  });
  const checked = settings.data?.autoPropose ?? false;
  return (
    <Checkbox
      checked={update.isPending ? update.variables.autoPropose : checked}
      disabled={!settings.isSuccess || update.isPending}
      label="Suggest memories after replies"
      description="After an answer, Margin may offer facts about you to remember. Nothing is saved until you approve it."
      onCheckedChange={(autoPropose) => {
        update.mutate(
          { autoPropose },
          {
            onSuccess: () => {
              toast.success(
                autoPropose ? 'Memory suggestions are on' : 'Memory suggestions are off',
              );
            },
            onError: (e) => {
              toast.error(getErrorMessage(e));
            },
          },
        );
      }}
    />
  );
}
