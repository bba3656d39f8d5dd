// A generation's view of responses: generation 1 is the round's own counters and ledger; a later one (a changed
// indicator list being recomputed, then live) keeps its rows and ledger entries under its own keys, so the
// same fold and ledger serve every generation unchanged and generations never touch each other's counts.
import { countingKey } from '../indicators/counting';
import type { ChangeRecord, ResponseImage } from './fold';

export function imageInGeneration<T extends ResponseImage>(image: T, generation: number): T {
  if (generation <= 1) return image;
  return { ...image, id: `${image.id}#g${generation}`, roundId: countingKey(image.roundId, generation) };
}

export function recordInGeneration(record: ChangeRecord, generation: number): ChangeRecord {
  if (generation <= 1) return record;
  return {
    sequenceNumber: record.sequenceNumber,
    ...(record.oldImage ? { oldImage: imageInGeneration(record.oldImage, generation) } : {}),
    ...(record.newImage ? { newImage: imageInGeneration(record.newImage, generation) } : {}),
  };
}

/** The round a change record is about. */
export function roundOfRecord(record: ChangeRecord): string {
  const image = record.newImage ?? record.oldImage;
  if (!image) throw new Error(`stream record ${record.sequenceNumber} has no image`);
  return image.roundId;
}
