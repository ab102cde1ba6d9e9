// Motion IDs as arguments: derived IDs (admit-<memberId>, approve-<scenarioId>) are longer than a plain ID.
import { validationError } from '../common/errors';
import { limits, textArgument } from '../common/validation';

const motionIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const longestPrefix = 'approve-'.length;

export function motionIdArgument(value: string, name = 'motionId'): string {
    const text = textArgument(value, name, { max: limits.id + longestPrefix });
    if (!motionIdPattern.test(text)) {
        throw validationError(name, 'must use only letters, digits, ".", "_" and "-", starting with a letter or digit');
    }
    return text;
}
