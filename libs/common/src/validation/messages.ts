import { ValidationOptions } from 'class-validator';

/**
 * Japanese validation messages, one helper per kind of rule, so every field's error reads the same
 * way: 「名称を入力してください」「緯度は-90から90の範囲で入力してください」.
 * `$constraint1` is filled in by class-validator with the rule's first argument.
 */
export const msg = {
  required: (label: string): ValidationOptions => ({ message: `${label}を入力してください` }),
  maxLength: (label: string): ValidationOptions => ({
    message: `${label}は$constraint1文字以内で入力してください`,
  }),
  range: (label: string, min: number, max: number): ValidationOptions => ({
    message: `${label}は${min}から${max}の範囲で入力してください`,
  }),
  format: (label: string, example?: string): ValidationOptions => ({
    message: `${label}の形式が正しくありません${example ? `（例: ${example}）` : ''}`,
  }),
  oneOf: (label: string): ValidationOptions => ({ message: `${label}の値が正しくありません` }),
};
