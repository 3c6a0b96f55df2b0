/** Seed departments and employees of the database's own companies (HR app). */

import { type StoredRecord, stamp } from "./seed-record.js";

export function employeeRecords(): { departments: StoredRecord[]; employees: StoredRecord[] } {
  const departments = [
    stamp({ id: 1, name: "Administración", company_id: 1, active: true }),
    stamp({ id: 2, name: "Ventas", company_id: 1, active: true }),
    stamp({ id: 3, name: "Desarrollo", company_id: 1, active: true }),
    stamp({ id: 4, name: "Operaciones", company_id: 2, active: true }),
  ];
  const people: Array<[string, string, number, number, number | false, boolean?]> = [
    ["Mitchell Admin", "Director General", 1, 1, 2],
    ["Laura Sánchez", "Comercial Senior", 2, 1, 6],
    ["Diego Ramírez", "Comercial", 2, 1, 7],
    ["Elena Martín", "Desarrolladora", 3, 1, false],
    ["Javier Ortega", "Desarrollador", 3, 1, false],
    ["Carmen Vidal", "Contable", 1, 1, false],
    ["Tomás Herrera", "Becario", 3, 1, false, false],
    ["Rosa Mamani", "Jefa de Operaciones", 4, 2, false],
    ["Luis Huamán", "Técnico de Campo", 4, 2, false],
    ["Patricia Rojas", "Técnica de Campo", 4, 2, false],
    ["Miguel Flores", "Administrativo", 4, 2, false],
  ];
  const employees = people.map(([name, job, department, company, user, active], index) => {
    const slug = name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/ /g, ".");
    return stamp({
      id: index + 1,
      name,
      job_title: job,
      work_email: `${slug}@${company === 1 ? "empresax.es" : "empresay.pe"}`,
      work_phone: false,
      mobile_phone: false,
      department_id: department,
      company_id: company,
      parent_id: index === 0 ? false : 1,
      user_id: user,
      bank_account_id: false,
      active: active ?? true,
    });
  });
  return { departments, employees };
}
