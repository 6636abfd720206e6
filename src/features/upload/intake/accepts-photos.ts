import { isTypeAllowed } from '../engine/file-checks';

/** What phone cameras save: JPEG nearly everywhere, HEIC on iPhones set to "High Efficiency". */
const CAMERA_PHOTOS = [
  { name: 'photo.jpg', type: 'image/jpeg', size: 0 },
  { name: 'photo.heic', type: 'image/heic', size: 0 },
];

/** Whether a link's type rules let a camera photo through (no rules: anything goes). */
export function acceptsPhotos(allowedTypes: readonly string[]): boolean {
  return CAMERA_PHOTOS.some((photo) => isTypeAllowed(photo, allowedTypes));
}
